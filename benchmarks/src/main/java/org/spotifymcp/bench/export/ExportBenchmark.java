package org.spotifymcp.bench.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.spotifymcp.bench.LocalProcesses;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.spotifymcp.shared.crypto.FernetKey;

/**
 * {@code ./bench export}: one listener with a million plays downloaded in every format
 * through {@code GET /admin/users/{id}/export} from the packaged api-service started with
 * a 256 MB heap ({@code -Xmx256m}: a history held in memory would not fit). Prints plays
 * per second to the client and the process's peak resident memory; exits with 1 when a
 * download is incomplete or slower than 200,000 plays/s.
 *
 * Arguments: {@code [--plays=1000000] [--java=PATH]}.
 */
public final class ExportBenchmark {

	private static final long TARGET_PER_SECOND = 200_000;

	private ExportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("arguments look like --plays=1000000, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		int plays = Integer.parseInt(options.getOrDefault("plays", "1000000"));
		if (plays < 1 || plays > 5_000_000) {
			throw new IllegalArgumentException("keep it bounded: 1 to 5,000,000 plays");
		}
		String java = options.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		System.exit(run(plays, java) ? 0 : 1);
	}

	private static boolean run(int plays, String java) throws Exception {
		Path jar = Path.of("api-service/target/api-service.jar").toAbsolutePath();
		if (!Files.exists(jar)) {
			throw new IllegalStateException("build api-service first: " + jar);
		}
		Path work = Files.createTempDirectory("bench-export");
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("shared_buffers", "256MB")
			.start()) {
			String url = postgres.getJdbcUrl("postgres", "postgres");
			Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
			long seeding = System.nanoTime();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement sql = connection.createStatement()) {
				seed(sql, plays);
			}
			System.out.printf("seeded one listener with %,d plays in %.1f s%n", plays,
					(System.nanoTime() - seeding) / 1e9);
			int port = LocalProcesses.freePort();
			String admin = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
			ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString());
			builder.environment().remove("JAVA_TOOL_OPTIONS");
			builder.environment()
				.putAll(Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres",
						"API_PORT", Integer.toString(port), "ADMIN_TOKEN", admin, "TOKEN_ENCRYPTION_KEY",
						FernetKey.generate(new SecureRandom()), "UPLOAD_DIR",
						Files.createDirectories(work.resolve("uploads")).toString(), "API_MANAGEMENT_PORT",
						Integer.toString(LocalProcesses.freePort())));
			builder.redirectErrorStream(true).redirectOutput(work.resolve("api.log").toFile());
			Process api = builder.start();
			try {
				LocalProcesses.waitForHealth(api, port, "api-service");
				System.out.println("api-service up with -Xmx256m; log " + work.resolve("api.log"));
				boolean ok = true;
				HttpClient http = HttpClient.newHttpClient();
				for (String format : List.of("json", "csv", "listenbrainz")) {
					// a counted warm-up pass, then a measured one that only drains the
					// bytes
					// (counting would take CPU from the server on a small machine)
					long[] counted = download(http, port, admin, format, true);
					long started = System.nanoTime();
					long[] measured = download(http, port, admin, format, false);
					measured[1] = (measured[0] == counted[0]) ? counted[1] : -1;
					double seconds = (System.nanoTime() - started) / 1e9;
					double rate = plays / seconds;
					boolean complete = measured[1] == ("csv".equals(format) ? plays + 1 : plays);
					ok &= complete && rate >= TARGET_PER_SECOND && api.isAlive();
					System.out.printf("%-12s %,d plays in %.2f s = %,.0f plays/s, %,.1f MB, %s%n", format, plays,
							seconds, rate, measured[0] / 1e6, complete ? "complete" : "INCOMPLETE: " + measured[1]);
				}
				System.out.println("api-service peak RSS " + peakRss(api.pid()) + " (heap capped at 256 MB)");
				pages(port, admin);
				System.out.println(ok ? "PASS: >= 200,000 plays/s in every format with a 256 MB heap" : "FAIL");
				return ok;
			}
			finally {
				api.destroy();
				if (!api.waitFor(30, TimeUnit.SECONDS)) {
					api.destroyForcibly();
				}
			}
		}
	}

	/**
	 * The listener's pages for the same million plays: each fetched once to warm up, then
	 * timed five times over loopback (the median is printed; the target is 300 ms).
	 */
	private static void pages(int port, String admin) throws Exception {
		String base = "http://127.0.0.1:" + port;
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new java.net.CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String issued = http
			.send(HttpRequest.newBuilder(URI.create(base + "/admin/users/1/mcp-tokens"))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		java.util.regex.Matcher secret = java.util.regex.Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"")
			.matcher(issued);
		String signIn = http
			.send(HttpRequest.newBuilder(URI.create(base + "/me/sign-in")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(signIn);
		if (!secret.find() || !csrf.find()) {
			throw new IllegalStateException("could not sign in: " + issued);
		}
		http.send(HttpRequest.newBuilder(URI.create(base + "/me/sign-in"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&token=" + secret.group(1)))
			.build(), HttpResponse.BodyHandlers.ofString());
		for (String page : List.of("/me", "/me/stats?range=30", "/me/stats?range=365", "/me/stats?range=all",
				"/me/stats?range=all&by=minutes", "/me/compare", "/me/wrapped?year=2020", "/me/history",
				"/me/history?q=number%2012", "/me/artist?name=Artist%2042",
				// track 42 (played every 20,000th play) and its album 43, with four other
				// tracks
				"/me/tracks/0000000000000000000t42", "/me/albums/album43", "/me/assistant", "/me/data")) {
			long[] times = new long[5];
			int status = http
				.send(HttpRequest.newBuilder(URI.create(base + page)).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
			for (int i = 0; i < times.length; i++) {
				long started = System.nanoTime();
				http.send(HttpRequest.newBuilder(URI.create(base + page)).build(),
						HttpResponse.BodyHandlers.discarding());
				times[i] = System.nanoTime() - started;
			}
			java.util.Arrays.sort(times);
			long median = times[times.length / 2] / 1_000_000;
			System.out.printf("page %-36s HTTP %d  median %4d ms  max %4d ms%s%n", page, status, median,
					times[times.length - 1] / 1_000_000, (median > 300 || status != 200) ? "  OVER TARGET" : "");
		}
	}

	/** 20,000 tracks by 2,000 artists; the plays three minutes apart. */
	private static void seed(Statement sql, int plays) throws Exception {
		sql.execute("INSERT INTO users (spotify_user_id, display_name) VALUES ('bench', 'Bench Listener')");
		sql.execute("INSERT INTO artists (spotify_id, name) SELECT 'artist' || g, 'Artist ' || g"
				+ " FROM generate_series(1, 2000) g");
		sql.execute("INSERT INTO albums (spotify_id, name) SELECT 'album' || g, 'Album \"' || g || '\", vol. 1'"
				+ " FROM generate_series(1, 4000) g");
		sql.execute("INSERT INTO tracks (spotify_id, name, album_id, duration_ms) SELECT lpad('t' || g, 22, '0'),"
				+ " 'Track, number ' || g, 1 + g % 4000, 200000 FROM generate_series(1, 20000) g");
		sql.execute(
				"INSERT INTO track_artists (track_id, position, artist_id) SELECT id, 0, 1 + id % 2000 FROM tracks");
		sql.execute("INSERT INTO plays (played_at, user_id, track_id, ms_played, source)"
				+ " SELECT timestamptz '2016-01-01' + g * interval '3 minutes', 1, 1 + (g::bigint * 7919) % 20000,"
				+ " 30000 + g % 200000, 1 + g % 2 FROM generate_series(1, " + plays + ") g");
		// what an import does after writing plays: apply them to the rollups the listener
		// pages read, then refresh the planner statistics (ImportJobs)
		sql.execute("SELECT apply_plays_to_rollups(1, '1970-01-01T00:00:00Z', now())");
		sql.execute("SELECT analyze_history()");
	}

	/** Reads the download to its end; returns bytes and newline-separated records. */
	private static long[] download(HttpClient http, int port, String admin, String format, boolean count)
			throws Exception {
		HttpResponse<InputStream> response = http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/users/1/export?format=" + format))
			.header("Authorization", "Bearer " + admin)
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(format + ": HTTP " + response.statusCode());
		}
		long bytes = 0;
		long records = 0;
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = response.body()) {
			int read;
			while ((read = in.read(buffer)) > 0) {
				bytes += read;
				for (int i = 0; count && i < read; i++) {
					// a JSON record is one object per play; the line formats end each
					// with
					// \n
					if (buffer[i] == ("json".equals(format) ? (byte) '{' : (byte) '\n')) {
						records++;
					}
				}
			}
		}
		return new long[] { bytes, records };
	}

	private static String peakRss(long pid) throws IOException {
		return Files.readAllLines(Path.of("/proc/" + pid + "/status"))
			.stream()
			.filter((line) -> line.startsWith("VmHWM"))
			.map((line) -> line.replaceAll("\\s+", " "))
			.findFirst()
			.orElse("unknown");
	}

}
