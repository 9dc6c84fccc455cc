package org.spotifymcp.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.spotifymcp.shared.config.DotEnvFile;

/**
 * Runs the whole system on one machine with nothing but a JDK: an embedded PostgreSQL
 * whose data stays under {@code ./data}, the API, the collector and the admin UI as
 * separate processes (as in production), and — when no Spotify credentials are configured
 * — the Spotify emulator in demo mode.
 */
public final class LocalLauncher {

	private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(2);

	private LocalLauncher() {
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of("").toAbsolutePath();
		Path data = root.resolve("data");
		Map<String, String> environment = System.getenv();
		Map<String, String> dotEnv = DotEnvFile.read(root.resolve(".env"));
		LocalPorts ports = LocalPorts.from(environment, dotEnv);
		LocalSecrets secrets = LocalSecrets.loadOrCreate(data, environment, dotEnv);

		System.out.println("Starting PostgreSQL (data in " + data.resolve("postgres") + ") ...");
		LocalDatabase database = LocalDatabase.start(data, ports.database());

		Map<String, String> serviceEnvironment = new HashMap<>();
		serviceEnvironment.put("DATABASE_URL", database.databaseUrl());
		serviceEnvironment.put("TOKEN_ENCRYPTION_KEY", secrets.tokenEncryptionKey());
		serviceEnvironment.put("ADMIN_TOKEN", secrets.adminToken());
		serviceEnvironment.put("UPLOAD_DIR", data.resolve("uploads").toString());
		serviceEnvironment.put("API_PORT", String.valueOf(ports.api()));
		serviceEnvironment.put("FRONTEND_PORT", String.valueOf(ports.frontend()));
		serviceEnvironment.put("COLLECTOR_MANAGEMENT_PORT", String.valueOf(ports.collector()));
		serviceEnvironment.put("API_BASE_URL", "http://127.0.0.1:" + ports.api());
		serviceEnvironment.putIfAbsent("SPOTIFY_REDIRECT_URI", "http://127.0.0.1:" + ports.api() + "/auth/callback");

		List<ServiceProcess> services = new ArrayList<>();
		DemoSpotify demo = DemoSpotify.configure(root, data, environment, dotEnv, ports.emulator());
		if (demo.enabled()) {
			serviceEnvironment.putAll(demo.serviceEnvironment());
			if (demo.process() != null) {
				services.add(demo.process());
			}
		}
		services.add(new ServiceProcess("api-service", root.resolve("api-service/target/api-service.jar"),
				healthz(ports.api())));
		services.add(new ServiceProcess("collector-service",
				root.resolve("collector-service/target/collector-service.jar"), healthz(ports.collector())));
		services.add(new ServiceProcess("admin-frontend", root.resolve("admin-frontend/target/admin-frontend.jar"),
				healthz(ports.frontend())));

		Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(services, database), "local-shutdown"));

		Path logs = data.resolve("logs");
		for (ServiceProcess service : services) {
			System.out.println("Starting " + service.name() + " (log: " + logs.resolve(service.name() + ".log") + ")");
			service.start(serviceEnvironment, logs);
		}
		Instant started = Instant.now();
		Instant deadline = started.plus(HEALTHY_WITHIN);
		try {
			for (ServiceProcess service : services) {
				service.awaitHealthy(deadline);
				System.out.println("  " + service.name() + " is healthy after "
						+ Duration.between(started, Instant.now()).toSeconds() + " s");
			}
		}
		catch (IllegalStateException ex) {
			System.err.println("error: " + ex.getMessage());
			System.exit(1);
		}
		printWelcome(ports, secrets, demo, data);
		Thread.currentThread().join();
	}

	private static URI healthz(int port) {
		return URI.create("http://127.0.0.1:" + port + "/healthz");
	}

	private static void stopAll(List<ServiceProcess> services, LocalDatabase database) {
		System.out.println("Stopping ...");
		services.forEach(ServiceProcess::stop);
		try {
			database.close();
		}
		catch (Exception ex) {
			System.err.println("PostgreSQL did not stop cleanly: " + ex.getMessage());
		}
	}

	private static void printWelcome(LocalPorts ports, LocalSecrets secrets, DemoSpotify demo, Path data) {
		String line = "-".repeat(78);
		System.out.println(line);
		System.out.println("Spotify MCP History Collector is running"
				+ (demo.enabled() ? " in DEMO mode (Spotify emulator, not the real Spotify)" : ""));
		System.out.println("  Admin UI     http://127.0.0.1:" + ports.frontend() + "   (log in with the admin token)");
		System.out.println("  Connect      http://127.0.0.1:" + ports.api() + "/auth/login");
		System.out.println("  MCP          http://127.0.0.1:" + ports.api() + "/mcp");
		System.out.println("  API health   http://127.0.0.1:" + ports.api() + "/healthz");
		System.out.println("  Collector    http://127.0.0.1:" + ports.collector() + "/actuator/health");
		System.out.println("  Admin token  " + secrets.adminToken());
		System.out.println("  Data         " + data + "   (secrets in local-secrets.properties, logs in logs/"
				+ (demo.enabled() ? ", demo Spotify state in " + data.relativize(DemoSpotify.stateFile(data)) : "")
				+ ")");
		System.out.println("Press Ctrl+C to stop. Data is kept for the next start.");
		System.out.println(line);
	}

	/**
	 * Where each part listens; every port can be moved with a variable.
	 *
	 * @param api the API port
	 * @param frontend the admin UI port
	 * @param collector the collector's management port
	 * @param database the embedded PostgreSQL port
	 * @param emulator the Spotify emulator port (demo mode)
	 */
	record LocalPorts(int api, int frontend, int collector, int database, int emulator) {

		static LocalPorts from(Map<String, String> environment, Map<String, String> dotEnv) {
			return new LocalPorts(port("API_PORT", 8000, environment, dotEnv),
					port("FRONTEND_PORT", 8001, environment, dotEnv),
					port("COLLECTOR_MANAGEMENT_PORT", 8081, environment, dotEnv),
					port("LOCAL_DATABASE_PORT", 5433, environment, dotEnv),
					port("EMULATOR_PORT", 8090, environment, dotEnv));
		}

		private static int port(String name, int fallback, Map<String, String> environment,
				Map<String, String> dotEnv) {
			String value = DotEnvFile.lookup(name, environment, dotEnv);
			try {
				return (value != null) ? Integer.parseInt(value) : fallback;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
			}
		}

	}

}
