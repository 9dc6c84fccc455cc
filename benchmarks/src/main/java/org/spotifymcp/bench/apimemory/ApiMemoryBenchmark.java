package org.spotifymcp.bench.apimemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.spotifymcp.bench.LocalProcesses;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.spotifymcp.shared.crypto.FernetKey;

/**
 * {@code ./bench api-memory}: the api-service's resident memory under many MCP clients,
 * against the container's memory limit. Starts the packaged api-service the way its image
 * does (Spring Boot's extracted layers, {@code JarLauncher}) with the Dockerfile's
 * runtime environment (JAVA_TOOL_OPTIONS, MALLOC_ARENA_MAX), the settings of
 * {@code .env.example} and the api's {@code environment:} from docker-compose.yml; the
 * compose memory and CPU limits, which a container shows the JVM through cgroups, become
 * {@code -XX:MaxRAM} and {@code -XX:ActiveProcessorCount}. Against an embedded PostgreSQL
 * holding a seeded history, clients on 127.0.0.1 initialize and call history tools for a
 * fixed time while VmRSS and VmHWM are read from {@code /proc/PID/status}. Exits with 1
 * when the peak passes the limit.
 *
 * Arguments: {@code [--clients=200] [--seconds=60] [--users=200] [--plays-per-user=1000]
 * [--java=PATH]} (default: the java running the benchmark).
 */
public final class ApiMemoryBenchmark {

	private ApiMemoryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("arguments look like --clients=200, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		int clients = Integer.parseInt(options.getOrDefault("clients", "200"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
		int users = Integer.parseInt(options.getOrDefault("users", "200"));
		int plays = Integer.parseInt(options.getOrDefault("plays-per-user", "1000"));
		String java = options.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (seconds < 1 || seconds > 600 || clients < 1 || clients > 1000) {
			throw new IllegalArgumentException("keep it bounded: 1-600 seconds, 1-1000 clients");
		}
		boolean within = run(clients, Duration.ofSeconds(seconds), users, plays, java);
		System.exit(within ? 0 : 1);
	}

	private static boolean run(int clients, Duration duration, int users, int plays, String java) throws Exception {
		Path jar = Path.of("api-service/target/api-service.jar").toAbsolutePath();
		if (!Files.exists(jar)) {
			throw new IllegalStateException("build api-service first: " + jar);
		}
		DeployedApiSettings deployed = DeployedApiSettings.read(Path.of("."));
		Path work = Files.createTempDirectory("bench-api-memory");
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("max_connections", "100")
			.setServerConfig("shared_buffers", "128MB")
			.start()) {
			String url = postgres.getJdbcUrl("postgres", "postgres");
			Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
			List<String> tokens;
			long loadStarted = System.nanoTime();
			try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
				tokens = new SeededHistory().load(connection, users, plays);
			}
			System.out.printf("seeded %d users with %,d plays each in %.1f s%n", users, plays,
					(System.nanoTime() - loadStarted) / 1e9);
			Path app = extractLayers(java, jar, work);
			int port = LocalProcesses.freePort();
			Map<String, String> environment = environment(deployed, postgres.getPort(), port, work);
			List<String> command = List.of(java, "-XX:MaxRAM=" + deployed.memoryLimitMiB() + "m",
					"-XX:ActiveProcessorCount=" + (int) Math.ceil(deployed.cpus()),
					"org.springframework.boot.loader.launch.JarLauncher");
			System.out.println("api-service: " + String.join(" ", command));
			System.out.println("  JAVA_TOOL_OPTIONS=" + environment.get("JAVA_TOOL_OPTIONS"));
			System.out.println("  JDK_JAVA_OPTIONS=" + environment.getOrDefault("JDK_JAVA_OPTIONS", "")
					+ ", MALLOC_ARENA_MAX=" + environment.getOrDefault("MALLOC_ARENA_MAX", "") + ", DATABASE_POOL_SIZE="
					+ environment.getOrDefault("DATABASE_POOL_SIZE", "(default)"));
			System.out.println("  " + runtimeVersion(java) + "; log " + work.resolve("api.log"));
			ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile());
			builder.environment().remove("CLASSPATH");
			builder.environment().remove("JAVA_TOOL_OPTIONS");
			builder.environment().remove("JDK_JAVA_OPTIONS");
			builder.environment().putAll(environment);
			builder.redirectErrorStream(true).redirectOutput(work.resolve("api.log").toFile());
			Process api = builder.start();
			try (RssSampler rss = new RssSampler(api.pid())) {
				LocalProcesses.waitForHealth(api, port, "api-service");
				RssSampler.Reading idle = rss.read();
				System.out.println("idle after start: " + idle.describe());
				System.out.printf("%d MCP clients (one per-user token each) for %d s...%n", clients,
						duration.toSeconds());
				List<String> clientTokens = new ArrayList<>();
				for (int c = 0; c < clients; c++) {
					clientTokens.add(tokens.get(c % tokens.size()));
				}
				McpClients.Outcome outcome = new McpClients(port).run(clientTokens, duration);
				RssSampler.Reading after = rss.read();
				if (!api.isAlive()) {
					System.out.println("api-service DIED during the run (exit " + api.exitValue() + "); see "
							+ work.resolve("api.log"));
					return false;
				}
				System.out.printf("  %,d successful calls (%.0f/s), %d failed, latency p50 %.0f ms, p95 %.0f ms%n",
						outcome.calls(), outcome.calls() / (double) duration.toSeconds(), outcome.failures(),
						outcome.p50Ms(), outcome.p95Ms());
				outcome.firstFailures().forEach((failure) -> System.out.println("  failure: " + failure));
				System.out
					.println("after the load: " + after.describe() + "; at most " + rss.maxThreads() + " threads");
				double peakMiB = Math.max(after.hwmKb(), rss.maxSampledRssKb()) / 1024.0;
				long limit = deployed.memoryLimitMiB();
				boolean within = peakMiB < limit;
				System.out.printf("PEAK RSS %.1f MiB (VmHWM) vs the compose limit of %d MiB: %s (%.1f MiB %s)%n",
						peakMiB, limit, within ? "WITHIN" : "OVER", Math.abs(limit - peakMiB),
						within ? "headroom" : "too much");
				return within && outcome.failures() == 0;
			}
			finally {
				api.destroy();
				if (!api.waitFor(30, TimeUnit.SECONDS)) {
					api.destroyForcibly();
				}
			}
		}
		finally {
			// The log stays for reading; the extracted application goes.
			deleteTree(work.resolve("layers"));
			deleteTree(work.resolve("app"));
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/**
	 * The container's environment: the image's ENV, then compose's env_file (the example
	 * settings), then the api's own environment; with this machine's database, port and
	 * folders, fresh secrets, and a rate limit the clients cannot reach (a refused call
	 * would cost the server nothing to measure).
	 */
	private static Map<String, String> environment(DeployedApiSettings deployed, int databasePort, int port, Path work)
			throws IOException {
		Map<String, String> environment = new LinkedHashMap<>(deployed.imageEnvironment());
		environment.putAll(deployed.envFile());
		environment.putAll(deployed.composeEnvironment());
		environment.remove("SERVICE");
		Path uploads = Files.createDirectories(work.resolve("uploads"));
		environment.put("JAVA_TOOL_OPTIONS", environment.getOrDefault("JAVA_TOOL_OPTIONS", "")
			.replace("-Djava.io.tmpdir=/tmp", "-Djava.io.tmpdir=" + work));
		environment.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:" + databasePort + "/postgres");
		environment.put("API_PORT", Integer.toString(port));
		environment.put("UPLOAD_DIR", uploads.toString());
		environment.put("SPRING_SERVLET_MULTIPART_LOCATION", uploads.toString());
		environment.put("TOKEN_ENCRYPTION_KEY", FernetKey.generate(new SecureRandom()));
		environment.put("ADMIN_TOKEN", HexFormat.of().formatHex(new SecureRandom().generateSeed(24)));
		environment.put("RATE_LIMIT_MCP_PER_MINUTE", "100000");
		return environment;
	}

	/** What the image's extract stage does: Spring Boot's layers, merged as in /app. */
	private static Path extractLayers(String java, Path jar, Path work) throws Exception {
		Path layers = work.resolve("layers");
		Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers",
				"--launcher", "--destination", layers.toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("extract.log").toFile())
			.start();
		if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
			throw new IllegalStateException("extracting the layers failed; see " + work.resolve("extract.log"));
		}
		Path app = Files.createDirectories(work.resolve("app"));
		for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
			Path from = layers.resolve(layer);
			if (!Files.exists(from)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(from)) {
				for (Path file : files.toList()) {
					Path to = app.resolve(from.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(to);
					}
					else {
						Files.copy(file, to);
					}
				}
			}
		}
		return app;
	}

	private static String runtimeVersion(String java) throws Exception {
		Process version = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
		String text = new String(version.getInputStream().readAllBytes());
		version.waitFor(30, TimeUnit.SECONDS);
		return text.lines().filter((line) -> line.contains("version")).findFirst().orElse(java).trim();
	}

}
