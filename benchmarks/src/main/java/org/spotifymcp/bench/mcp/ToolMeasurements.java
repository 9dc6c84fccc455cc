package org.spotifymcp.bench.mcp;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What {@code ./bench mcp} measures: the latency of every history tool and window for the
 * heavy user, a naive GROUP BY as the baseline, and calls per second with many clients.
 */
final class ToolMeasurements {

	private ToolMeasurements() {
	}

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

	static void latencies(McpHttp mcp, String adminToken, int samples) throws Exception {
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
				mcp.call(adminToken, call.getKey().split(" ")[0], "\"user_id\":1," + call.getValue());
			}
		}
		System.out.printf("  (warm-up: every call 10 times, %.1f s)%n", (System.nanoTime() - warmStarted) / 1e9);
		for (Map.Entry<String, String> call : calls().entrySet()) {
			String tool = call.getKey().split(" ")[0];
			String args = "\"user_id\":1," + call.getValue();
			double[] times = new double[samples];
			for (int i = 0; i < samples; i++) {
				long started = System.nanoTime();
				mcp.call(adminToken, tool, args);
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

	static void baseline(EmbeddedPostgres postgres) throws Exception {
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

	static void throughput(McpHttp mcp, List<String> tokens) throws Exception {
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

}
