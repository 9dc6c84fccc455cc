package org.spotifymcp.bench.mcp;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.spotifymcp.bench.LocalProcesses;

/**
 * {@code ./bench mcp}: loads one heavy user (1M plays over 10 years, skewed towards
 * favourites and recent discoveries) and 50 lighter users into a fresh embedded
 * PostgreSQL with COPY, starts the packaged api-service against it, and times every
 * history tool through the real MCP endpoint for 90-day, 1-year and all-time windows;
 * then a naive GROUP BY over plays as the baseline, and throughput with 50 clients.
 *
 * Arguments: {@code [plays=1000000] [lightUsers=50] [samples=30] [--hold] [--no-cache]};
 * {@code --no-cache} starts the api-service with {@code HISTORY_CACHE_SIZE=0}, to show
 * what the in-memory months of rollup rows are worth.
 */
public final class McpBenchmark {

	private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";

	private final boolean cache;

	private McpBenchmark(boolean cache) {
		this.cache = cache;
	}

	public static void main(String[] args) throws Exception {
		List<String> positional = new ArrayList<>(Arrays.asList(args));
		boolean hold = positional.remove("--hold");
		boolean cache = !positional.remove("--no-cache");
		int plays = (positional.size() > 0) ? Integer.parseInt(positional.get(0)) : 1_000_000;
		int lightUsers = (positional.size() > 1) ? Integer.parseInt(positional.get(1)) : 50;
		int samples = (positional.size() > 2) ? Integer.parseInt(positional.get(2)) : 30;
		new McpBenchmark(cache).run(plays, lightUsers, samples, hold);
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
				new SyntheticHistory().load(connection, heavyPlays, lightUsers);
				System.out.printf("loaded %,d plays (heavy user 1: %,d) in %.1f s%n",
						SyntheticHistory.count(connection, "plays"), heavyPlays, (System.nanoTime() - started) / 1e9);
				SyntheticHistory.printSizes(connection);
				for (int i = 0; i < 50; i++) {
					userTokens.add(SyntheticHistory.issueToken(connection, 1));
				}
			}
			int port = LocalProcesses.freePort();
			Process api = startApi(jar, url, port, this.cache);
			try {
				LocalProcesses.waitForHealth(api, port, "api-service");
				McpHttp mcp = new McpHttp(port);
				System.out.println("initialize: " + mcp.initialize(ADMIN_TOKEN));
				if (hold) {
					holdForInspection(url, port);
				}
				ToolMeasurements.latencies(mcp, ADMIN_TOKEN, samples);
				ToolMeasurements.baseline(postgres);
				ToolMeasurements.throughput(mcp, userTokens);
			}
			finally {
				api.destroy();
				api.waitFor(20, TimeUnit.SECONDS);
			}
		}
	}

	private static Process startApi(Path jar, String url, int port, boolean cache) throws IOException {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		File log = File.createTempFile("bench-api-service", ".log");
		System.out.println("api-service on port " + port + ", log " + log + (cache ? "" : ", history cache off"));
		// A fixed-size heap, as a server runs: a growing one makes G1 start marking
		// cycles
		// (20-30 ms pauses on this machine) while the history cache fills.
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xms1g", "-Xmx1g", "-jar", jar.toString(), "--server.port=" + port, "--management.server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--spring.datasource.hikari.maximum-pool-size=20",
				"--app.token-encryption.key=" + Base64.getUrlEncoder().encodeToString(key),
				"--app.admin.token=" + ADMIN_TOKEN, "--app.ops.rate-limit-mcp-per-minute=100000",
				"--logging.structured.format.console=", "--logging.level.root=WARN",
				"--app.history.cache-size=" + (cache ? "" : "0"));
		builder.redirectErrorStream(true).redirectOutput(log);
		return builder.start();
	}

	/**
	 * With {@code --hold}: keeps the loaded database and the api-service up until a line
	 * (or end of input) arrives on stdin, so queries can be explained by hand.
	 */
	private static void holdForInspection(String url, int port) throws IOException {
		System.out.println(
				"holding: database " + url + ", api-service on port " + port + "; press Enter to run the measurements");
		System.out.flush();
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
	}

}
