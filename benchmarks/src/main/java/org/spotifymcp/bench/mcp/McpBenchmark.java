package org.spotifymcp.bench.mcp;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.spotifymcp.bench.LocalProcesses;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code ./bench mcp}: loads one heavy user (1M plays over 10 years, skewed towards
 * favourites and recent discoveries) and 50 lighter users into a fresh embedded
 * PostgreSQL with COPY, starts the packaged api-service against it, and times every
 * history tool through the real MCP endpoint for 90-day, 1-year and all-time windows;
 * then a naive GROUP BY over plays as the baseline, and throughput with 50 clients.
 *
 * Arguments: {@code [plays=1000000] [lightUsers=50] [samples=30] [--hold]}.
 */
public final class McpBenchmark {

	private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";

	private static final int TRACKS = 40_000;

	private static final int ARTISTS = 4_000;

	private static final int ALBUMS = 8_000;

	private final Random random = new Random(42);

	private McpBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> positional = new ArrayList<>(Arrays.asList(args));
		boolean hold = positional.remove("--hold");
		int plays = (positional.size() > 0) ? Integer.parseInt(positional.get(0)) : 1_000_000;
		int lightUsers = (positional.size() > 1) ? Integer.parseInt(positional.get(1)) : 50;
		int samples = (positional.size() > 2) ? Integer.parseInt(positional.get(2)) : 30;
		new McpBenchmark().run(plays, lightUsers, samples, hold);
	}

	private void run(int heavyPlays, int lightUsers, int samples, boolean hold) throws Exception {
		Path jar = Path.of("api-service/target/api-service.jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException("build api-service first: " + jar.toAbsolutePath());
		}
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("shared_buffers", "256MB")
			.setServerConfig("work_mem", "16MB")
			.setServerConfig("max_connections", "120")
			.start()) {
			String url = postgres.getJdbcUrl("postgres", "postgres");
			Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
			List<String> userTokens = new ArrayList<>();
			try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
				long started = System.nanoTime();
				load(connection, heavyPlays, lightUsers);
				System.out.printf("loaded %,d plays (heavy user 1: %,d) in %.1f s%n", count(connection, "plays"),
						heavyPlays, (System.nanoTime() - started) / 1e9);
				printSizes(connection);
				for (int i = 0; i < 50; i++) {
					userTokens.add(issueToken(connection, 1));
				}
			}
			int port = LocalProcesses.freePort();
			Process api = startApi(jar, url, port);
			try {
				waitForHealth(port);
				McpHttp mcp = new McpHttp(port);
				System.out.println("initialize: " + mcp.initialize(ADMIN_TOKEN));
				if (hold) {
					holdForInspection(url, port);
				}
				latencies(mcp, samples);
				baseline(postgres);
				throughput(mcp, userTokens);
			}
			finally {
				api.destroy();
				api.waitFor(20, TimeUnit.SECONDS);
			}
		}
	}

	// ------------------------------------------------------------------ data

	private void load(Connection connection, int heavyPlays, int lightUsers) throws Exception {
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		StringBuilder users = new StringBuilder();
		users.append("1\theavy\tHeavy Listener\tEurope/Berlin\n");
		for (int u = 2; u <= lightUsers + 1; u++) {
			users.append(u).append("\tlight").append(u).append("\tLight ").append(u).append("\tUTC\n");
		}
		copy.copyIn("COPY users (id, spotify_user_id, display_name, time_zone) FROM STDIN",
				new StringReader(users.toString()));
		StringBuilder artists = new StringBuilder();
		for (int a = 1; a <= ARTISTS; a++) {
			artists.append(a)
				.append("\tart")
				.append(a)
				.append("\tArtist ")
				.append(a)
				.append("\t{genre")
				.append(a % 40)
				.append("}\n");
		}
		// Every tenth artist also exists under an export-only id with a lower-case name.
		for (int a = 1; a <= ARTISTS; a += 10) {
			artists.append(ARTISTS + a)
				.append("\tlocal:artist:")
				.append(a)
				.append("\tartist ")
				.append(a)
				.append("\t\\N\n");
		}
		copy.copyIn("COPY artists (id, spotify_id, name, genres) FROM STDIN", new StringReader(artists.toString()));
		StringBuilder albums = new StringBuilder();
		for (int a = 1; a <= ALBUMS; a++) {
			albums.append(a).append("\talb").append(a).append("\tAlbum ").append(a).append('\n');
		}
		copy.copyIn("COPY albums (id, spotify_id, name) FROM STDIN", new StringReader(albums.toString()));
		StringBuilder tracks = new StringBuilder();
		StringBuilder trackArtists = new StringBuilder();
		for (int t = 1; t <= TRACKS; t++) {
			int album = 1 + (t - 1) / 5;
			int artist = 1 + ((album - 1) % ARTISTS);
			boolean local = artist % 10 == 1 && t % 2 == 0;
			tracks.append(t)
				.append("\ttrk")
				.append(t)
				.append("\tTrack ")
				.append(t)
				.append('\t')
				.append(album)
				.append('\t')
				.append(150_000 + this.random.nextInt(150_000))
				.append('\n');
			trackArtists.append(t).append("\t0\t").append(local ? ARTISTS + artist : artist).append('\n');
			if (t % 7 == 0) {
				trackArtists.append(t).append("\t1\t").append(1 + (artist * 13) % ARTISTS).append('\n');
			}
		}
		copy.copyIn("COPY tracks (id, spotify_id, name, album_id, duration_ms) FROM STDIN",
				new StringReader(tracks.toString()));
		copy.copyIn("COPY track_artists (track_id, position, artist_id) FROM STDIN",
				new StringReader(trackArtists.toString()));
		Instant now = Instant.now();
		copyPlays(copy, 1, heavyPlays, now.minus(Duration.ofDays(3652)), now);
		for (int u = 2; u <= lightUsers + 1; u++) {
			int plays = 1_000 + this.random.nextInt(9_000);
			copyPlays(copy, u, plays, now.minus(Duration.ofDays(180 + this.random.nextInt(900))), now);
		}
		try (Statement statement = connection.createStatement()) {
			// what the writers of plays do after writing them: apply them to the rollups
			statement
				.execute("SELECT apply_plays_to_rollups(id, '1970-01-01T00:00:00Z', now()) FROM users ORDER BY id");
			statement.execute("ANALYZE");
		}
	}

	/**
	 * Plays spread over [from, to) with daily rhythm, sessions and a taste that drifts: a
	 * third from long-time favourites, the rest skewed towards tracks found recently.
	 */
	private void copyPlays(CopyManager copy, int user, int count, Instant from, Instant to) throws Exception {
		double[] gaps = new double[count];
		double sum = 0;
		for (int i = 0; i < count; i++) {
			double gap = -Math.log(1 - this.random.nextDouble());
			gaps[i] = (this.random.nextDouble() < 0.02) ? gap * 40 : gap;
			sum += gaps[i];
		}
		double scale = (to.getEpochSecond() - from.getEpochSecond() - 60.0) / sum;
		double t = from.getEpochSecond();
		StringBuilder batch = new StringBuilder();
		long recentCut = to.minus(Duration.ofDays(30)).getEpochSecond();
		for (int i = 0; i < count; i++) {
			t += Math.max(1, gaps[i] * scale);
			long second = (long) t;
			double progress = (second - from.getEpochSecond()) / (double) (to.getEpochSecond() - from.getEpochSecond());
			int pool = Math.max(2_000, (int) (TRACKS * progress));
			int track;
			if (this.random.nextDouble() < 0.33) {
				track = 1 + (int) (800 * Math.pow(this.random.nextDouble(), 2));
			}
			else {
				track = pool - (int) (pool * Math.pow(this.random.nextDouble(), 3));
				track = Math.max(1, Math.min(TRACKS, track));
			}
			int ms = (this.random.nextDouble() < 0.2) ? this.random.nextInt(60_000)
					: 150_000 + this.random.nextInt(150_000);
			int source = (second >= recentCut) ? 1 : 2;
			batch.append(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC))
				.append('\t')
				.append(user)
				.append('\t')
				.append(track)
				.append('\t')
				.append(ms)
				.append('\t')
				.append(source)
				.append('\n');
			if ((i + 1) % 100_000 == 0 || i == count - 1) {
				copy.copyIn("COPY plays (played_at, user_id, track_id, ms_played, source) FROM STDIN",
						new StringReader(batch.toString()));
				batch.setLength(0);
			}
		}
	}

	private static long count(Connection connection, String table) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void printSizes(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT relname, pg_total_relation_size(oid) AS bytes,"
						+ " (SELECT count(*) FROM plays) AS plays FROM pg_class WHERE relname IN"
						+ " ('plays', 'play_hour_totals', 'play_month_tracks', 'user_track_totals') ORDER BY relname")) {
			while (rs.next()) {
				System.out.printf("  %-18s %8.1f MB  (%.1f bytes per play)%n", rs.getString(1), rs.getLong(2) / 1e6,
						rs.getLong(2) / (double) rs.getLong(3));
			}
		}
		for (String table : List.of("play_hour_totals", "play_month_tracks", "user_track_totals")) {
			System.out.printf("  %-18s %,d rows%n", table, count(connection, table));
		}
	}

	private static String issueToken(Connection connection, int user) throws Exception {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		String secret = "smcp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		try (var statement = connection.prepareStatement(
				"INSERT INTO mcp_tokens (user_id, name, token_hash, token_prefix) VALUES (?, 'bench', ?, ?)")) {
			statement.setInt(1, user);
			statement.setString(2, hash);
			statement.setString(3, secret.substring(0, 12));
			statement.executeUpdate();
		}
		return secret;
	}

	// ------------------------------------------------------------------ service

	private static Process startApi(Path jar, String url, int port) throws IOException {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		File log = File.createTempFile("bench-api-service", ".log");
		System.out.println("api-service on port " + port + ", log " + log);
		// A fixed-size heap, as a server runs: a growing one makes G1 start marking
		// cycles
		// (20-30 ms pauses on this machine) while the history cache fills.
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xms1g", "-Xmx1g", "-jar", jar.toString(), "--server.port=" + port, "--management.server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--spring.datasource.hikari.maximum-pool-size=20",
				"--app.token-encryption.key=" + Base64.getUrlEncoder().encodeToString(key),
				"--app.admin.token=" + ADMIN_TOKEN, "--app.ops.rate-limit-mcp-per-minute=100000",
				"--logging.structured.format.console=", "--logging.level.root=WARN");
		builder.redirectErrorStream(true).redirectOutput(log);
		return builder.start();
	}

	private static void waitForHealth(int port) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("api-service did not become healthy within 120 s");
	}

	/**
	 * With {@code --hold}: keeps the loaded database and the api-service up until a line
	 * (or end of input) arrives on stdin, so queries can be explained by hand.
	 */
	private static void holdForInspection(String url, int port) throws IOException {
		System.out.println(
				"holding: database " + url + ", api-service on port " + port + "; press Enter to run the measurements");
		System.out.flush();
		new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
	}

	// ------------------------------------------------------------------ measurements

	private static Map<String, String> calls() {
		Map<String, String> calls = new LinkedHashMap<>();
		String[] tools = { "taste_summary", "top_artists", "top_tracks", "top_albums", "listening_heatmap",
				"repeat_rate", "skips", "coverage", "listening_timeline", "discoveries", "wrapped" };
		Map<String, String> windows = new LinkedHashMap<>();
		windows.put("90d", "\"days\":90");
		windows.put("1y", "\"days\":365");
		windows.put("all", "\"all_time\":true");
		for (String tool : tools) {
			windows.forEach((name, args) -> calls.put("history_" + tool + " " + name, args));
		}
		windows.forEach((name, args) -> calls.put("history_search_history " + name, args + ",\"query\":\"Artist 12\""));
		calls.put("history_compare_periods 90d", "\"b_days\":90");
		calls.put("history_compare_periods 1y", "\"b_days\":365");
		calls.put("history_compare_periods all", "\"a_all_time\":true,\"b_days\":365");
		return calls;
	}

	private static void latencies(McpHttp mcp, int samples) throws Exception {
		System.out.printf("%nhistory tools through POST /mcp (user 1, 1M plays), %d samples each after a warm-up:%n",
				samples);
		System.out.printf("  %-38s %8s %8s %8s%n", "tool window", "p50 ms", "p95 ms", "max ms");
		double worst = 0;
		String worstName = "";
		// Warm: every call ten times first, so the JIT has compiled the shared code paths
		// (the first tool timed after three rounds ran half again slower) and every month
		// a call reads is in memory before the first tool is timed.
		long warmStarted = System.nanoTime();
		for (int round = 0; round < 10; round++) {
			for (Map.Entry<String, String> call : calls().entrySet()) {
				mcp.call(ADMIN_TOKEN, call.getKey().split(" ")[0], "\"user_id\":1," + call.getValue());
			}
		}
		System.out.printf("  (warm-up: every call 10 times, %.1f s)%n", (System.nanoTime() - warmStarted) / 1e9);
		for (Map.Entry<String, String> call : calls().entrySet()) {
			String tool = call.getKey().split(" ")[0];
			String args = "\"user_id\":1," + call.getValue();
			double[] times = new double[samples];
			for (int i = 0; i < samples; i++) {
				long started = System.nanoTime();
				mcp.call(ADMIN_TOKEN, tool, args);
				times[i] = (System.nanoTime() - started) / 1e6;
			}
			Arrays.sort(times);
			double p95 = percentile(times, 0.95);
			if (p95 > worst) {
				worst = p95;
				worstName = call.getKey();
			}
			System.out.printf("  %-38s %8.1f %8.1f %8.1f%n", call.getKey(), percentile(times, 0.5), p95,
					times[times.length - 1]);
		}
		System.out.printf("  worst p95: %.1f ms (%s)%n", worst, worstName);
	}

	private static void baseline(EmbeddedPostgres postgres) throws Exception {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			String sql = "SELECT track_id, count(*) AS plays FROM plays WHERE user_id = 1 GROUP BY track_id"
					+ " ORDER BY plays DESC LIMIT 10";
			statement.executeQuery(sql).close();
			double[] times = new double[5];
			for (int i = 0; i < times.length; i++) {
				long started = System.nanoTime();
				try (ResultSet rs = statement.executeQuery(sql)) {
					while (rs.next()) {
						rs.getInt(1);
					}
				}
				times[i] = (System.nanoTime() - started) / 1e6;
			}
			Arrays.sort(times);
			System.out.printf("%nbaseline: naive all-time top tracks (GROUP BY over plays, JDBC, no HTTP):"
					+ " p50 %.1f ms, max %.1f ms%n", percentile(times, 0.5), times[times.length - 1]);
		}
	}

	private static void throughput(McpHttp mcp, List<String> tokens) throws Exception {
		List<Map.Entry<String, String>> calls = new ArrayList<>(calls().entrySet());
		int clients = tokens.size();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicLong done = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long seconds = 20;
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		for (int c = 0; c < clients; c++) {
			String token = tokens.get(c);
			int offset = c;
			pool.submit(() -> {
				int i = offset;
				while (System.nanoTime() < end) {
					Map.Entry<String, String> call = calls.get(i++ % calls.size());
					try {
						mcp.call(token, call.getKey().split(" ")[0], call.getValue());
						done.incrementAndGet();
					}
					catch (Exception ex) {
						failed.incrementAndGet();
					}
				}
				return null;
			});
		}
		pool.shutdown();
		pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
		System.out.printf(
				"%nthroughput: %d concurrent clients (per-user tokens), all history tools and windows"
						+ " round-robin: %.1f tool calls/s over %d s (%d failed)%n",
				clients, done.get() / (double) seconds, seconds, failed.get());
	}

	private static double percentile(double[] sorted, double p) {
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/** Minimal JSON-RPC over the Streamable HTTP endpoint, as an MCP client sends it. */
	static final class McpHttp {

		private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private final URI endpoint;

		McpHttp(int port) {
			this.endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
		}

		String initialize(String token) throws Exception {
			return post(token,
					"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
							+ "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
		}

		String call(String token, String tool, String arguments) throws Exception {
			String body = post(token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\""
					+ tool + "\",\"arguments\":{" + arguments + "}}}");
			if (body.contains("\"isError\":true") || body.contains("\"error\":{")) {
				throw new IllegalStateException(tool + " failed: " + body);
			}
			return body;
		}

		private String post(String token, String json) throws Exception {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.endpoint)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.header("MCP-Protocol-Version", "2025-06-18")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}

	}

}
