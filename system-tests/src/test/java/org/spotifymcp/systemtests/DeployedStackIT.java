package org.spotifymcp.systemtests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment as compose runs it, without Docker: the three packaged jars as separate
 * processes with the compose environment ({@code .env.example} plus the values compose
 * sets, the database being an embedded PostgreSQL 16) and the image's JVM options sized
 * to the compose memory limits, then Caddy with the project's {@code Caddyfile} in front
 * of them. One set of processes serves every test here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployedStackIT {

	private static final Duration STARTUP_LIMIT = Duration.ofSeconds(150);

	/** Compose service name by module. */
	private static final Map<String, String> COMPOSE_SERVICES = Map.of("api-service", "api", "collector-service",
			"collector", "admin-frontend", "frontend");

	/** Memory limits of docker-compose.yml in MB, emulated with -XX:MaxRAM. */
	private final Map<String, Long> memoryLimits = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final Map<String, ExternalProcess> services = new LinkedHashMap<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	/** Where each service serves actuator (metrics, probes). */
	private final Map<String, Integer> managementPorts = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();

	private Path workDirectory;

	private EmbeddedPostgres postgres;

	private ExternalProcess caddy;

	private int caddyPort;

	private Path caddyProgram;

	private String adminToken;

	@BeforeAll
	void startTheStack() throws Exception {
		this.caddyProgram = ProjectFiles.requiredProgram("caddy", "apt-get install caddy (Debian's package)");
		this.workDirectory = Files.createTempDirectory("deployed-stack");
		this.postgres = EmbeddedPostgres.builder().start();
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database spotify");
		}
		String tokenKey = generateKeyWith("api-service");
		this.adminToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
		JsonNode compose = ComposeConfig.copyInto(Files.createDirectories(this.workDirectory.resolve("compose")))
			.resolve("unused-here");
		String javaOptions = imageJavaOptions();

		for (String service : COMPOSE_SERVICES.keySet()) {
			this.ports.put(service, freePort());
		}
		this.managementPorts.put("api-service", freePort());
		this.managementPorts.put("collector-service", this.ports.get("collector-service"));
		this.managementPorts.put("admin-frontend", freePort());
		for (String service : COMPOSE_SERVICES.keySet()) {
			String composeService = COMPOSE_SERVICES.get(service);
			assertThat(compose.at("/services/" + composeService + "/build/args/SERVICE").asString()).isEqualTo(service);
			String memory = compose.at("/services/" + composeService + "/deploy/resources/limits/memory").asString();
			this.memoryLimits.put(service, Long.parseLong(memory.replace("M", "")));
			// the container's environment: .env (from .env.example) plus compose's own
			// values
			Map<String, String> environment = ComposeConfig.environment(compose, composeService);
			environment.put("TOKEN_ENCRYPTION_KEY", tokenKey);
			environment.put("ADMIN_TOKEN", this.adminToken);
			// compose's host names and fixed ports, pointed at this machine instead
			environment.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:" + this.postgres.getPort() + "/spotify");
			environment.put("UPLOAD_DIR", this.workDirectory.resolve("uploads").toString());
			environment.put("API_PORT", this.ports.get("api-service").toString());
			environment.put("COLLECTOR_MANAGEMENT_PORT", this.ports.get("collector-service").toString());
			environment.put("FRONTEND_PORT", this.ports.get("admin-frontend").toString());
			environment.put("API_MANAGEMENT_PORT", this.managementPorts.get("api-service").toString());
			environment.put("FRONTEND_MANAGEMENT_PORT", this.managementPorts.get("admin-frontend").toString());
			environment.put("API_BASE_URL", "http://127.0.0.1:" + this.ports.get("api-service"));
			// the image's JVM options, on a machine as large as the container limit
			// with one CPU (what the JVM sees under a CPU quota below 1)
			environment.put("JAVA_TOOL_OPTIONS", javaOptions + " -XX:MaxRAM=" + memory.toLowerCase()
					+ " -XX:ActiveProcessorCount=1 -Djava.io.tmpdir=" + this.workDirectory);
			environment.put("MALLOC_ARENA_MAX", "2");
			environment.put("SERVICE", service);
			this.environments.put(service, environment);
		}
		// All three at once, as compose starts them: their Flyway runs race on one empty
		// database.
		for (String service : COMPOSE_SERVICES.keySet()) {
			this.services.put(service,
					ExternalProcess.start(service,
							List.of(ProjectFiles.java().toString(), "-jar",
									ProjectFiles.serviceJar(service).toString()),
							this.environments.get(service), this.workDirectory,
							this.workDirectory.resolve(service + ".log")));
		}
		Awaitility.await("every service answers /healthz")
			.atMost(STARTUP_LIMIT)
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.until(() -> {
				for (ExternalProcess process : this.services.values()) {
					if (!process.isAlive()) {
						throw new AssertionError(process.name() + " stopped:\n" + process.logTail());
					}
				}
				for (String service : this.services.keySet()) {
					if (get(service, "/healthz").statusCode() != 200) {
						return false;
					}
				}
				return true;
			});

		this.caddyPort = freePort();
		this.caddy = ExternalProcess.start("caddy",
				List.of(this.caddyProgram.toString(), "run", "--adapter", "caddyfile", "--config",
						ProjectFiles.file("Caddyfile").toString()),
				caddyEnvironment("http://127.0.0.1:" + this.caddyPort), this.workDirectory,
				this.workDirectory.resolve("caddy.log"));
		Awaitility.await("caddy forwards /healthz")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> {
				if (!this.caddy.isAlive()) {
					throw new AssertionError("caddy stopped:\n" + this.caddy.logTail());
				}
				return viaCaddy("/healthz", Map.of()).statusCode() == 200;
			});
	}

	@AfterAll
	void stopTheStack() throws IOException {
		if (this.caddy != null) {
			this.caddy.close();
		}
		this.services.values().forEach(ExternalProcess::close);
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void everyServiceIsHealthyAndNamesItself() throws Exception {
		for (String service : this.services.keySet()) {
			HttpResponse<String> response = get(service, "/healthz");
			assertThat(response.statusCode()).as(service).isEqualTo(200);
			assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"service\":\"" + service + "\"");
		}
	}

	@Test
	void everyServiceExposesPrometheusMetrics() throws Exception {
		Map<String, String> mainClasses = Map.of("api-service", "org.spotifymcp.api.ApiApplication",
				"collector-service", "org.spotifymcp.collector.CollectorApplication", "admin-frontend",
				"org.spotifymcp.frontend.AdminFrontendApplication");
		for (String service : this.services.keySet()) {
			HttpResponse<String> response = getManagement(service, "/actuator/prometheus");
			assertThat(response.statusCode()).as(service).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
			assertThat(response.body()).as(service)
				.contains("main_application_class=\"" + mainClasses.get(service) + "\"")
				.contains("hikaricp_connections_max")
				.contains("jvm_memory_used_bytes")
				.contains("http_server_requests_seconds_count");
		}
		// the collector's own watchdog gauges (docs/operations.md)
		assertThat(getManagement("collector-service", "/actuator/prometheus").body())
			.contains("spotifymcp_collector_last_finished_job_age_seconds")
			.contains("spotifymcp_collector_failure_streaks");
	}

	@Test
	void theApiAndTheAdminUiServeNoMetricsOnTheirMainPorts() throws Exception {
		for (String service : List.of("api-service", "admin-frontend")) {
			assertThat(this.managementPorts.get(service)).isNotEqualTo(this.ports.get(service));
			HttpResponse<String> response = get(service, "/actuator/prometheus");
			assertThat(response.statusCode()).as(service).isEqualTo(404);
			assertThat(response.body()).as(service).doesNotContain("jvm_memory_used_bytes");
		}
	}

	@Test
	void theJvmStaysWithinTheContainerMemoryLimit() {
		for (Map.Entry<String, ExternalProcess> entry : this.services.entrySet()) {
			long limitKb = this.memoryLimits.get(entry.getKey()) * 1024;
			long rssKb = entry.getValue().residentKilobytes();
			System.out.printf("%s: resident %d MB of a %d MB limit%n", entry.getKey(), rssKb / 1024, limitKb / 1024);
			assertThat(rssKb).as(entry.getKey() + " resident kB").isPositive().isLessThan(limitKb);
		}
	}

	@Test
	void theImageHealthCheckPassesForEachServiceAndFailsWithoutOne() throws Exception {
		Path script = ProjectFiles.file("docker/healthcheck.sh");
		for (String service : this.services.keySet()) {
			ExternalProcess.Result result = ExternalProcess.run(List.of("bash", script.toString()),
					this.environments.get(service), this.workDirectory, Duration.ofSeconds(20));
			assertThat(result.exitCode()).as(service + ": " + result.output()).isZero();
		}
		Map<String, String> nothingListens = new LinkedHashMap<>(this.environments.get("api-service"));
		nothingListens.put("HEALTHCHECK_PORT", Integer.toString(freePort()));
		ExternalProcess.Result refused = ExternalProcess.run(List.of("bash", script.toString()), nothingListens,
				this.workDirectory, Duration.ofSeconds(20));
		assertThat(refused.exitCode()).isNotZero();
		assertThat(refused.output()).contains("nothing listens");
	}

	@Test
	void everyServiceJarRunsTheTokenCommands() {
		for (String service : this.services.keySet()) {
			assertThat(generateKeyWith(service)).as(service).matches("[A-Za-z0-9_-]{43}=");
		}
		Map<String, String> environment = this.environments.get("collector-service");
		ExternalProcess.Result encrypted = runJar("collector-service", environment, "spotify-refresh-token", "encrypt");
		assertThat(encrypted.exitCode()).as(encrypted.output()).isZero();
		String token = lastLine(encrypted.output());
		assertThat(token).startsWith("gAAAAA");
		ExternalProcess.Result decrypted = runJar("admin-frontend", this.environments.get("admin-frontend"), token,
				"decrypt");
		assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
		assertThat(lastLine(decrypted.output())).isEqualTo("spotify-refresh-token");
	}

	@Test
	void caddyValidatesTheCaddyfileForHttpsAndForPlainHttp() {
		for (String domain : List.of("music.example.com", "http://127.0.0.1:8080")) {
			ExternalProcess.Result result = ExternalProcess.run(
					List.of(this.caddyProgram.toString(), "validate", "--adapter", "caddyfile", "--config",
							ProjectFiles.file("Caddyfile").toString()),
					caddyEnvironment(domain), this.workDirectory, Duration.ofSeconds(60));
			assertThat(result.exitCode()).as(domain + ": " + result.output()).isZero();
			assertThat(result.output()).contains("Valid configuration");
		}
	}

	@Test
	void caddySendsTheApiPathsToTheApi() throws Exception {
		HttpResponse<String> healthz = viaCaddy("/healthz", Map.of());
		assertThat(healthz.statusCode()).isEqualTo(200);
		assertThat(healthz.body()).contains("\"service\":\"api-service\"");

		List<String> apiPaths = List.of("/auth/login", "/auth/callback", "/admin/users", "/mcp", "/mcp/tools",
				"/openapi.json");
		List<Integer> viaCaddy = new ArrayList<>();
		List<Integer> api = new ArrayList<>();
		List<Integer> frontend = new ArrayList<>();
		for (String path : apiPaths) {
			viaCaddy.add(viaCaddy(path, Map.of()).statusCode());
			api.add(get("api-service", path).statusCode());
			frontend.add(get("admin-frontend", path).statusCode());
		}
		assertThat(viaCaddy).as("status via Caddy for " + apiPaths).isEqualTo(api);
		// the comparison tells the two apart only if they answer differently
		assertThat(api).isNotEqualTo(frontend);

		HttpResponse<String> admin = viaCaddy("/admin/users", Map.of("Authorization", "Bearer " + this.adminToken));
		assertThat(admin.statusCode()).isEqualTo(get("api-service", "/admin/users", this.adminToken).statusCode())
			.isNotIn(401, 403);
	}

	@Test
	void caddyRefusesActuatorPaths() throws Exception {
		for (String path : List.of("/actuator/prometheus", "/actuator", "/actuator/health", "/actuator/health/liveness",
				"/actuator/info", "/actuator/env")) {
			HttpResponse<String> response = viaCaddy(path, Map.of());
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).doesNotContain("jvm_memory_used_bytes");
		}
	}

	@Test
	void caddySendsEverythingElseToTheAdminFrontend() throws Exception {
		for (String path : List.of("/", "/users", "/login", "/imports")) {
			assertThat(viaCaddy(path, Map.of()).statusCode()).as(path)
				.isEqualTo(get("admin-frontend", path).statusCode());
		}
	}

	private HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
		return get(service, path, null);
	}

	private HttpResponse<String> getManagement(String service, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPorts.get(service) + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String service, String path, String bearer)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.ports.get(service) + path))
			.timeout(Duration.ofSeconds(10));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> viaCaddy(String path, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.caddyPort + path))
			.timeout(Duration.ofSeconds(10));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Map<String, String> caddyEnvironment(String domain) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("DOMAIN", domain);
		environment.put("API_UPSTREAM", "127.0.0.1:" + this.ports.getOrDefault("api-service", 8000));
		environment.put("FRONTEND_UPSTREAM", "127.0.0.1:" + this.ports.getOrDefault("admin-frontend", 8001));
		environment.put("CADDY_ADMIN", "off");
		// keep Caddy's certificates and autosave inside the test's folder
		environment.put("HOME", this.workDirectory.toString());
		environment.put("XDG_DATA_HOME", this.workDirectory.resolve("caddy-data").toString());
		environment.put("XDG_CONFIG_HOME", this.workDirectory.resolve("caddy-config").toString());
		return environment;
	}

	private String generateKeyWith(String service) {
		ExternalProcess.Result result = runJar(service, Map.of(), "", "generate-key");
		assertThat(result.exitCode()).as(service + ": " + result.output()).isZero();
		return lastLine(result.output());
	}

	private ExternalProcess.Result runJar(String service, Map<String, String> environment, String input,
			String command) {
		Map<String, String> withoutJvmBanner = new LinkedHashMap<>(environment);
		withoutJvmBanner.remove("JAVA_TOOL_OPTIONS");
		return ExternalProcess.run(
				List.of(ProjectFiles.java().toString(), "-jar", ProjectFiles.serviceJar(service).toString(), command),
				withoutJvmBanner, (this.workDirectory != null) ? this.workDirectory : Path.of("."),
				Duration.ofSeconds(60), input);
	}

	/** JAVA_TOOL_OPTIONS of the Dockerfile's runtime stage, without its /tmp setting. */
	private static String imageJavaOptions() throws IOException {
		String dockerfile = Files.readString(ProjectFiles.file("Dockerfile"));
		Matcher matcher = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]+)\"").matcher(dockerfile);
		assertThat(matcher.find()).as("Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
		String options = matcher.group(1).replace("-Djava.io.tmpdir=/tmp", "").trim();
		assertThat(options).contains("MaxRAMPercentage");
		return options;
	}

	private static String lastLine(String output) {
		List<String> lines = output.strip().lines().toList();
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
