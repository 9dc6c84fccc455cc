package org.spotifymcp.shared.metrics;

/**
 * Names of the application's own Micrometer meters, shared so that the code that records
 * them and {@code docs/operations.md} agree. Prometheus sees them with dots turned into
 * underscores and the unit suffixes it adds ({@code _total}, {@code _seconds_count},
 * ...).
 */
public final class MetricNames {

	/**
	 * Counter: plays newly stored. Tag {@code source}: {@code poll},
	 * {@code extended_export}, {@code account_export}.
	 */
	public static final String PLAYS_INSERTED = "spotifymcp.plays.inserted";

	/** Timer: one incremental poll of one user, Spotify calls and storage included. */
	public static final String POLL_LATENCY = "spotifymcp.poll.latency";

	/**
	 * Timer: time spent waiting for Spotify's rate limit (HTTP 429 Retry-After or own
	 * pacing).
	 */
	public static final String SPOTIFY_RATE_LIMIT_WAIT = "spotifymcp.spotify.ratelimit.wait";

	/**
	 * Counter: export records read by imports; its rate is the import speed in records/s.
	 */
	public static final String IMPORT_RECORDS = "spotifymcp.import.records";

	/** Timer: one MCP tool call. Tag {@code tool}: the tool name. */
	public static final String MCP_TOOL_LATENCY = "spotifymcp.mcp.tool.latency";

	/**
	 * Counter: alerts, tags {@code kind} and {@code outcome} (recorded by AlertNotifier).
	 */
	public static final String ALERTS = "spotifymcp.alerts";

	/**
	 * Gauge: seconds since a collector job last finished (recorded by the collector
	 * watchdog).
	 */
	public static final String LAST_FINISHED_JOB_AGE = "spotifymcp.collector.last.finished.job.age";

	/** Gauge: jobs whose recent runs all failed (recorded by the collector watchdog). */
	public static final String FAILURE_STREAKS = "spotifymcp.collector.failure.streaks";

	private MetricNames() {
	}

}
