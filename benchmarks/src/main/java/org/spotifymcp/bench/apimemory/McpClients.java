package org.spotifymcp.bench.apimemory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent MCP clients over Streamable HTTP to 127.0.0.1: each initializes, then calls
 * the history tools round-robin with 90-day, one-year and all-time windows, initializing
 * again every 25 calls as reconnecting hosts do, until the time is up.
 */
final class McpClients {

	private static final String[] TOOLS = { "history_taste_summary", "history_top_artists", "history_top_tracks",
			"history_top_albums", "history_listening_heatmap", "history_repeat_rate", "history_coverage",
			"history_listening_timeline", "history_discoveries", "history_wrapped", "history_search_history",
			"history_compare_periods" };

	private static final String[] WINDOWS = { "\"days\":90", "\"days\":365", "\"all_time\":true" };

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final URI endpoint;

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final ConcurrentLinkedQueue<String> firstFailures = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();

	McpClients(int port) {
		this.endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
	}

	/** What the clients did. */
	record Outcome(long calls, long failures, double p50Ms, double p95Ms, List<String> firstFailures) {

	}

	Outcome run(List<String> tokens, Duration duration) throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		CountDownLatch finished = new CountDownLatch(tokens.size());
		for (int c = 0; c < tokens.size(); c++) {
			String token = tokens.get(c);
			int offset = c;
			Thread client = new Thread(() -> {
				try {
					client(token, offset, end);
				}
				finally {
					finished.countDown();
				}
			}, "mcp-client-" + c);
			client.setDaemon(true);
			client.start();
		}
		finished.await(duration.toSeconds() + 120, TimeUnit.SECONDS);
		List<Long> sorted = new ArrayList<>(this.latenciesMicros);
		sorted.sort(null);
		return new Outcome(this.calls.get(), this.failures.get(), percentile(sorted, 0.5), percentile(sorted, 0.95),
				List.copyOf(this.firstFailures));
	}

	private void client(String token, int offset, long end) {
		int i = offset;
		while (System.nanoTime() < end) {
			String body;
			if ((i - offset) % 25 == 0) {
				body = "{\"jsonrpc\":\"2.0\",\"id\":" + i
						+ ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
						+ "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"api-memory\",\"version\":\"1\"}}}";
			}
			else {
				String tool = TOOLS[i % TOOLS.length];
				String window = WINDOWS[(i / TOOLS.length) % WINDOWS.length];
				String arguments = switch (tool) {
					case "history_search_history" -> window + ",\"query\":\"Track 1\"";
					case "history_compare_periods" ->
						window.replace("\"days\"", "\"b_days\"").replace("\"all_time\"", "\"a_all_time\"");
					default -> window;
				};
				body = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
						+ "\",\"arguments\":{" + arguments + "}}}";
			}
			i++;
			call(token, body);
		}
	}

	private void call(String token, String body) {
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.endpoint)
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.header("MCP-Protocol-Version", "2025-06-18")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			this.latenciesMicros.add((System.nanoTime() - started) / 1000);
			if (response.statusCode() != 200 || response.body().contains("\"isError\":true")
					|| response.body().contains("\"error\":{")) {
				fail("HTTP " + response.statusCode() + ": "
						+ response.body().substring(0, Math.min(200, response.body().length())));
			}
			else {
				this.calls.incrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			fail(ex.toString());
		}
	}

	private void fail(String why) {
		if (this.failures.incrementAndGet() <= 3) {
			this.firstFailures.add(why);
		}
	}

	private static double percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1000.0;
	}

}
