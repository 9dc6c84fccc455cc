package org.spotifymcp.shared.metrics;

/**
 * Names of the application's own Micrometer meters, shared so that the code that records
 * them and {@code docs/operations.md} agree. Prometheus sees them with dots turned into
 * underscores and the unit suffixes it adds ({@code _total}, {@code _seconds_count},
 * ...).
 */
public final class MetricNames {

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
