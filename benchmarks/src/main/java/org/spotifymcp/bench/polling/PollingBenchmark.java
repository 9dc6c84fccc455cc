package org.spotifymcp.bench.polling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.spotifymcp.bench.LocalProcesses;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.spotifymcp.shared.crypto.TokenCipher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polling throughput: one, then two collector processes ({@code collector-service.jar})
 * against the standalone Spotify emulator ({@code spotify-emulator-exec.jar}) with 10,000
 * generated listeners, no artificial latency, and a fresh embedded PostgreSQL. Every user
 * is due all the time ({@code COLLECTOR_INTERVAL_SECONDS=10}, the minimum), so the
 * collectors poll as fast as they can. Prints users polled per minute, CPU seconds per
 * 1,000 polls (user + system time of the collector processes, from /proc) and peak RSS
 * (VmHWM).
 *
 * <p>
 * Usage: {@code ./bench polling [users] [seconds per measurement]} (default 10000 60).
 * The first cycle (every user's first poll fetches its newest 50 plays and upserts the
 * catalog) is reported apart from the steady state (polls fetch what was played since the
 * previous one).
 */
public final class PollingBenchmark {

	private static final String TOKEN_KEY = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PollingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int users = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 60;
		Path emulatorJar = Path.of("spotify-emulator/target/spotify-emulator-exec.jar");
		Path collectorJar = Path.of("collector-service/target/collector-service.jar");
		for (Path jar : List.of(emulatorJar, collectorJar)) {
			if (!Files.exists(jar)) {
				throw new IllegalStateException(jar + " is missing: run ./bench polling from the repository root");
			}
		}
		Path dataDirectory = Files.createTempDirectory("polling-benchmark");
		int emulatorPort = LocalProcesses.freePort();
		Process emulator = null;
		List<Process> collectors = new ArrayList<>();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setServerConfig("max_connections", "100")
			.start()) {
			DataSource database = postgres.getPostgresDatabase();
			Flyway.configure().dataSource(database).load().migrate();
			emulator = startEmulator(emulatorJar, emulatorPort, users);
			String emulatorUrl = "http://127.0.0.1:" + emulatorPort;
			long seeding = System.nanoTime();
			seedUsers(database, emulatorUrl, users);
			System.out.printf(Locale.ROOT, "seeded %d users with emulator tokens in %.1f s%n", users,
					(System.nanoTime() - seeding) / 1e9);
			String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");

			System.out.println("== one collector ==");
			collectors.add(startCollector(collectorJar, jdbcUrl, emulatorUrl, "one"));
			awaitPolling(database, collectors, Instant.EPOCH);
			measureWindow(database, collectors, seconds).print("window 1");
			measureWindow(database, collectors, seconds).print("window 2");
			stopAll(collectors);

			System.out.println("== two collectors ==");
			collectors.add(startCollector(collectorJar, jdbcUrl, emulatorUrl, "a"));
			collectors.add(startCollector(collectorJar, jdbcUrl, emulatorUrl, "b"));
			awaitPolling(database, collectors, Instant.now());
			measureWindow(database, collectors, seconds).print("window 1");
			measureWindow(database, collectors, seconds).print("window 2");
			stopAll(collectors);
		}
		finally {
			collectors.forEach(Process::destroyForcibly);
			if (emulator != null) {
				emulator.destroyForcibly();
			}
		}
	}

	private static Process startEmulator(Path jar, int port, int users) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("java", "-Xmx1g", "-jar", jar.toString());
		builder.environment().put("EMULATOR_PORT", String.valueOf(port));
		builder.environment().put("EMULATOR_USERS", String.valueOf(users));
		builder.environment().put("EMULATOR_THREADS", "16");
		builder.redirectErrorStream(true).redirectOutput(Path.of("target/polling-emulator.log").toFile());
		Files.createDirectories(Path.of("target"));
		Process process = builder.start();
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_emulator/state")).build(),
						HttpResponse.BodyHandlers.discarding());
				return process;
			}
			catch (IOException ex) {
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException("the emulator did not start; see target/polling-emulator.log");
	}

	/**
	 * Users listener00001 … with tokens issued by the emulator's control API, stored
	 * encrypted as the OAuth callback would, initial sync done so the collectors poll.
	 */
	private static void seedUsers(DataSource database, String emulatorUrl, int users) throws Exception {
		TokenCipher cipher = TokenCipher.fromKeyList(TOKEN_KEY);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		ExecutorService httpThreads = Executors.newFixedThreadPool(4);
		HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
		List<Future<String[]>> issued = new ArrayList<>();
		for (int i = 1; i <= users; i++) {
			String id = String.format(Locale.ROOT, "listener%05d", i);
			issued.add(pool.submit(() -> {
				HttpResponse<String> response = http
					.send(HttpRequest.newBuilder(URI.create(emulatorUrl + "/_emulator/users/" + id + "/tokens"))
						.POST(HttpRequest.BodyPublishers.noBody())
						.build(), HttpResponse.BodyHandlers.ofString());
				JsonNode body = JSON.readTree(response.body());
				return new String[] { id, body.get("access_token").asString(), body.get("refresh_token").asString(),
						String.valueOf(body.get("expires_in").asLong()) };
			}));
		}
		try (Connection connection = database.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement user = connection
				.prepareStatement("INSERT INTO users (id, spotify_user_id, display_name) VALUES (?, ?, ?)");
					PreparedStatement token = connection.prepareStatement(
							"INSERT INTO spotify_tokens (user_id, refresh_token_encrypted, access_token_encrypted,"
									+ " access_token_expires_at, scope) VALUES (?, ?, ?, ?, ?)");
					PreparedStatement checkpoint = connection
						.prepareStatement("INSERT INTO sync_checkpoints (user_id, status, initial_sync_completed_at)"
								+ " VALUES (?, 'polling', now())")) {
				int id = 0;
				for (Future<String[]> future : issued) {
					String[] tokens = future.get();
					id++;
					user.setInt(1, id);
					user.setString(2, tokens[0]);
					user.setString(3, tokens[0]);
					user.addBatch();
					token.setInt(1, id);
					token.setString(2, cipher.encrypt(tokens[2]));
					token.setString(3, cipher.encrypt(tokens[1]));
					token.setTimestamp(4, Timestamp.from(Instant.now().plusSeconds(Long.parseLong(tokens[3]))));
					token.setString(5, "user-read-recently-played user-top-read");
					token.addBatch();
					checkpoint.setInt(1, id);
					checkpoint.addBatch();
				}
				user.executeBatch();
				token.executeBatch();
				checkpoint.executeBatch();
			}
			connection.commit();
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT setval(pg_get_serial_sequence('users', 'id'), " + users + ")");
			}
		}
		pool.shutdownNow();
		httpThreads.shutdownNow();
	}

	private static Process startCollector(Path jar, String jdbcUrl, String emulatorUrl, String name)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString());
		Map<String, String> env = builder.environment();
		env.put("DATABASE_JDBC_URL", jdbcUrl);
		env.put("POSTGRES_USER", "postgres");
		env.put("POSTGRES_PASSWORD", "");
		env.put("TOKEN_ENCRYPTION_KEY", TOKEN_KEY);
		env.put("ADMIN_TOKEN", "benchmark-admin-token-0123456789abcdef");
		env.put("SPOTIFY_CLIENT_ID", "spotify-mcp-demo-client");
		env.put("SPOTIFY_CLIENT_SECRET", "spotify-mcp-demo-secret");
		env.put("SPOTIFY_ACCOUNTS_BASE_URL", emulatorUrl);
		env.put("SPOTIFY_API_BASE_URL", emulatorUrl);
		env.put("COLLECTOR_INTERVAL_SECONDS", "10");
		env.put("INITIAL_SYNC_ENABLED", "false");
		env.put("SPOTIFY_REQUESTS_PER_SECOND", "10000");
		env.put("POLL_RECONCILE_INTERVAL", "5s");
		env.put("COLLECTOR_MANAGEMENT_PORT", String.valueOf(LocalProcesses.freePort()));
		env.put("LOGGING_LEVEL_ROOT", "WARN");
		builder.redirectErrorStream(true).redirectOutput(Path.of("target/polling-collector-" + name + ".log").toFile());
		return builder.start();
	}

	private static void awaitPolling(DataSource database, List<Process> collectors, Instant since) throws Exception {
		while (count(database, "SELECT count(*) FROM job_runs WHERE job_type = 'poll' AND started_at > '"
				+ Timestamp.from(since) + "'") < 1) {
			assertAlive(collectors);
			Thread.sleep(500);
		}
	}

	private static Phase measureWindow(DataSource database, List<Process> collectors, int seconds) throws Exception {
		Map<Long, Double> cpuBefore = cpu(collectors);
		Instant from = Instant.now();
		long nanos = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		assertAlive(collectors);
		Map<Long, Double> cpuAfter = cpu(collectors);
		double elapsed = (System.nanoTime() - nanos) / 1e9;
		Instant to = Instant.now();
		long polls = count(database, "SELECT count(*) FROM job_runs WHERE job_type = 'poll' AND status = 'success'"
				+ " AND finished_at >= '" + Timestamp.from(from) + "' AND finished_at < '" + Timestamp.from(to) + "'");
		long fetched = count(database,
				"SELECT coalesce(sum((stats ->> 'fetched')::int), 0) FROM job_runs WHERE job_type = 'poll'"
						+ " AND status = 'success' AND finished_at >= '" + Timestamp.from(from)
						+ "' AND finished_at < '" + Timestamp.from(to) + "'");
		System.out.printf(Locale.ROOT, "  (plays fetched per poll in this window: %.1f)%n",
				fetched / (double) Math.max(1, polls));
		long failed = count(database, "SELECT count(*) FROM job_runs WHERE job_type = 'poll' AND status <> 'success'"
				+ " AND finished_at >= '" + Timestamp.from(from) + "'");
		if (failed > 0) {
			System.out.println("  (" + failed + " polls did not succeed in the window)");
		}
		return new Phase(polls, elapsed, cpuDelta(cpuBefore, cpuAfter), peakRss(collectors),
				count(database, "SELECT count(*) FROM plays"));
	}

	private static void stopAll(List<Process> collectors) throws InterruptedException {
		for (Process collector : collectors) {
			collector.destroy();
		}
		for (Process collector : collectors) {
			collector.waitFor();
		}
		collectors.clear();
	}

	private static void assertAlive(List<Process> collectors) {
		for (Process collector : collectors) {
			if (!collector.isAlive()) {
				throw new IllegalStateException(
						"a collector exited with " + collector.exitValue() + "; see target/polling-collector-*.log");
			}
		}
	}

	/**
	 * user + system CPU seconds per process, from /proc/PID/stat (clock ticks of 1/100
	 * s).
	 */
	private static Map<Long, Double> cpu(List<Process> processes) throws IOException {
		Map<Long, Double> cpu = new HashMap<>();
		for (Process process : processes) {
			String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// after the command: state is field 3 of stat, utime 14 and stime 15
			// (1-based)
			cpu.put(process.pid(), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
		}
		return cpu;
	}

	private static List<Double> cpuDelta(Map<Long, Double> before, Map<Long, Double> after) {
		List<Double> delta = new ArrayList<>();
		after.forEach((pid, seconds) -> delta.add(seconds - before.getOrDefault(pid, 0.0)));
		return delta;
	}

	/** Peak resident set per process in MiB (VmHWM). */
	private static List<Double> peakRss(List<Process> processes) throws IOException {
		List<Double> rss = new ArrayList<>();
		for (Process process : processes) {
			for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
				if (line.startsWith("VmHWM:")) {
					rss.add(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
				}
			}
		}
		return rss;
	}

	private static long count(DataSource database, String sql) throws SQLException {
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private record Phase(long polls, double seconds, List<Double> cpuSeconds, List<Double> peakRssMiB, long plays) {

		void print(String label) {
			double cpu = this.cpuSeconds.stream().mapToDouble(Double::doubleValue).sum();
			System.out.printf(Locale.ROOT,
					"%s: %d polls in %.1f s = %.0f users polled per minute; CPU %.2f s per 1,000 polls"
							+ " (per collector: %s s); peak RSS per collector: %s MiB; plays stored: %d%n",
					label, this.polls, this.seconds, this.polls / this.seconds * 60,
					cpu / Math.max(1, this.polls) * 1000, format(this.cpuSeconds), format(this.peakRssMiB), this.plays);
		}

		private static String format(List<Double> values) {
			return values.stream().map((value) -> String.format(Locale.ROOT, "%.0f", value)).toList().toString();
		}

	}

}
