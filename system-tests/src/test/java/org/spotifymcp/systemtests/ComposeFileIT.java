package org.spotifymcp.systemtests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} as docker-compose itself reads it ({@code docker-compose
 * config}), with {@code .env.example} as the {@code .env}: services, limits, health
 * checks, volumes and wiring are what the deployment guide promises. No Docker engine is
 * needed.
 */
class ComposeFileIT {

	private static final String PASSWORD = "s3cretPassw0rd";

	@TempDir
	static Path project;

	static ComposeConfig compose;

	static JsonNode config;

	@BeforeAll
	static void resolveTheComposeFile() throws IOException {
		compose = ComposeConfig.copyInto(project);
		config = compose.resolve(PASSWORD);
	}

	@Test
	void theStackHasTheFiveServicesWithCaddyOnlyInTheHttpsProfile() {
		assertThat(names(config.get("services"))).containsExactlyInAnyOrder("postgres", "api", "collector", "frontend",
				"caddy");
		assertThat(config.at("/services/caddy/profiles/0").asString()).isEqualTo("https");
		for (String service : List.of("postgres", "api", "collector", "frontend")) {
			assertThat(config.at("/services/" + service + "/profiles").isMissingNode()).as(service).isTrue();
		}
	}

	@Test
	void postgresIsVersion16WithHealthCheckVolumeAndPort5434() {
		JsonNode postgres = config.at("/services/postgres");
		String image = postgres.get("image").asString();
		assertThat(image).startsWith("postgres:");
		assertThat(Integer.parseInt(image.replaceAll("^postgres:(\\d+).*$", "$1"))).isGreaterThanOrEqualTo(16);
		assertThat(postgres.at("/healthcheck/test").toString()).contains("pg_isready");
		assertThat(postgres.at("/volumes/0").asString()).isEqualTo("postgres_data:/var/lib/postgresql/data:rw");
		assertThat(ComposeConfig.publishedPorts(config, "postgres")).containsExactly("127.0.0.1:5434->5432/tcp");
		assertThat(postgres.at("/environment/POSTGRES_PASSWORD").asString()).isEqualTo(PASSWORD);
	}

	@Test
	void resourceLimitsFollowTheGuide() {
		assertLimits("postgres", "1G", "0.5");
		assertLimits("api", "512M", "0.5");
		assertLimits("collector", "320M", "0.25");
		assertLimits("frontend", "320M", "0.25");
	}

	@Test
	void theJavaServicesAreWiredToPostgresAndShareTheUploadVolume() {
		assertThat(ComposeConfig.publishedPorts(config, "api")).containsExactly("127.0.0.1:8000->8000/tcp");
		assertThat(ComposeConfig.publishedPorts(config, "frontend")).containsExactly("127.0.0.1:8001->8001/tcp");
		assertThat(config.at("/services/collector/ports").isMissingNode()).isTrue();
		for (String service : List.of("api", "collector", "frontend")) {
			JsonNode node = config.at("/services/" + service);
			assertThat(node.at("/depends_on/postgres/condition").asString()).as(service).isEqualTo("service_healthy");
			assertThat(node.get("restart").asString()).isEqualTo("unless-stopped");
			assertThat(node.at("/build/args/SERVICE").asString()).isIn("api-service", "collector-service",
					"admin-frontend");
			assertThat(node.at("/environment/DATABASE_URL").asString())
				.isEqualTo("postgresql://spotify:" + PASSWORD + "@postgres:5432/spotify");
			assertThat(node.at("/environment/UPLOAD_DIR").asString()).isEqualTo("/data/uploads");
			assertThat(node.at("/volumes/0").asString()).isEqualTo("upload_data:/data/uploads:rw");
			assertThat(node.get("read_only").asBoolean()).isTrue();
			assertThat(node.at("/tmpfs/0").asString()).startsWith("/tmp");
			// env_file: .env reaches the container: every setting of the example is
			// there.
			assertThat(names(node.get("environment"))).contains("TOKEN_ENCRYPTION_KEY", "ADMIN_TOKEN",
					"COLLECTOR_INTERVAL_SECONDS", "ALERT_WEBHOOK_URL", "SPOTIFY_REDIRECT_URI");
		}
	}

	@Test
	void onlyCaddyPublishesOnOtherInterfacesThanLoopback() {
		// Docker's published ports bypass ufw: anything not on 127.0.0.1 is public.
		for (String service : names(config.get("services"))) {
			List<String> ports = ComposeConfig.publishedPorts(config, service);
			if (service.equals("caddy")) {
				assertThat(ports).containsExactlyInAnyOrder("*:80->80/tcp", "*:443->443/tcp", "*:443->443/udp");
			}
			else {
				assertThat(ports).as(service).allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
			}
		}
	}

	@Test
	void actuatorPortsAreOpenToTheComposeNetworkOnly() {
		Map<String, String> managementPorts = Map.of("api", "8091", "frontend", "8092", "collector", "8081");
		assertThat(config.at("/services/api/environment/API_MANAGEMENT_PORT").asString()).isEqualTo("8091");
		assertThat(config.at("/services/frontend/environment/FRONTEND_MANAGEMENT_PORT").asString()).isEqualTo("8092");
		assertThat(config.at("/services/collector/environment/COLLECTOR_MANAGEMENT_PORT").asString()).isEqualTo("8081");
		managementPorts.forEach((service, port) -> {
			// the services bind loopback unless told otherwise: inside a container that
			// would hide them from Prometheus on the network
			assertThat(config.at("/services/" + service + "/environment/MANAGEMENT_ADDRESS").asString()).as(service)
				.isEqualTo("0.0.0.0");
			assertThat(config.at("/services/" + service + "/expose").toString()).as(service).contains(port);
			assertThat(ComposeConfig.publishedPorts(config, service)).as(service)
				.noneMatch((published) -> published.contains(":" + port + "->"));
		});
	}

	@Test
	void theOverrideExampleAddsTheLanAddressAndNothingElse() {
		JsonNode withOverride = compose.resolve(Map.of("POSTGRES_PASSWORD", PASSWORD, "LAN_ADDRESS", "192.168.1.10"),
				"docker-compose.override.example.yml");
		assertThat(ComposeConfig.publishedPorts(withOverride, "api")).containsExactly("127.0.0.1:8000->8000/tcp",
				"192.168.1.10:8000->8000/tcp");
		assertThat(ComposeConfig.publishedPorts(withOverride, "frontend")).containsExactly("127.0.0.1:8001->8001/tcp",
				"192.168.1.10:8001->8001/tcp");
		assertThat(ComposeConfig.publishedPorts(withOverride, "postgres")).containsExactly("127.0.0.1:5434->5432/tcp");

		ExternalProcess.Result withoutAddress = compose.run(Map.of("POSTGRES_PASSWORD", PASSWORD), "-f",
				compose.directory().resolve("docker-compose.override.example.yml").toString(), "config");
		assertThat(withoutAddress.exitCode()).isNotZero();
		assertThat(withoutAddress.output()).contains("set LAN_ADDRESS in .env");
	}

	@Test
	void everyServiceRotatesItsJsonLogs() {
		for (String service : names(config.get("services"))) {
			JsonNode logging = config.at("/services/" + service + "/logging");
			assertThat(logging.get("driver").asString()).as(service).isEqualTo("json-file");
			assertThat(logging.at("/options/max-size").asString()).isEqualTo("10m");
			assertThat(logging.at("/options/max-file").asString()).isEqualTo("3");
		}
	}

	@Test
	void caddyServesTheCaddyfileForTheConfiguredDomain() {
		JsonNode caddy = config.at("/services/caddy");
		assertThat(caddy.at("/volumes/0").asString())
			.isEqualTo(project.resolve("Caddyfile") + ":/etc/caddy/Caddyfile:ro");
		assertThat(caddy.at("/environment/DOMAIN").asString()).isEqualTo("localhost");
		assertThat(caddy.at("/environment/API_UPSTREAM").asString()).isEqualTo("api:8000");
		assertThat(caddy.at("/environment/FRONTEND_UPSTREAM").asString()).isEqualTo("frontend:8001");
		assertThat(caddy.at("/depends_on/api/condition").asString()).isEqualTo("service_healthy");
	}

	@Test
	void aMissingDatabasePasswordStopsComposeWithAMessage() {
		ExternalProcess.Result result = compose.run(Map.of("POSTGRES_PASSWORD", ""), "config");
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("set POSTGRES_PASSWORD in .env");
	}

	private static void assertLimits(String service, String memory, String cpus) {
		JsonNode limits = config.at("/services/" + service + "/deploy/resources/limits");
		assertThat(limits.get("memory").asString()).as(service).isEqualTo(memory);
		assertThat(limits.get("cpus").asString()).as(service).isEqualTo(cpus);
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

}
