package org.spotifymcp.collector.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.alerts.AlertNotifier.FailureStreak;
import org.spotifymcp.shared.alerts.AlertProperties;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.metrics.MetricNames;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches {@code job_runs} for the two collector troubles nobody sees otherwise: silence
 * (no job finished for {@code ALERT silent intervals} ×
 * {@code COLLECTOR_INTERVAL_SECONDS} although users with a valid Spotify token are
 * waiting to be polled) and failure streaks (the last {@code ALERT_FAILURE_STREAK}
 * finished runs of one job type for one user all failed). It raises alerts through
 * {@link AlertNotifier}, which throttles them, and keeps two gauges for Prometheus. Every
 * collector runs it; the shared throttle keeps the alerts to one per kind and hour.
 */
@Component
public class CollectorWatchdog {

	/** Only recent runs matter for a streak; this also keeps the scan on the index. */
	private static final Duration STREAK_WINDOW = Duration.ofDays(1);

	private final JdbcTemplate jdbc;

	private final AlertNotifier alerts;

	private final AlertProperties alertProperties;

	private final CollectorProperties collector;

	private final Clock clock;

	private final AtomicLong secondsSinceLastFinishedJob = new AtomicLong(-1);

	private final AtomicLong failureStreaks = new AtomicLong();

	public CollectorWatchdog(JdbcTemplate jdbc, AlertNotifier alerts, AlertProperties alertProperties,
			CollectorProperties collector, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.alerts = alerts;
		this.alertProperties = alertProperties;
		this.collector = collector;
		this.clock = clock;
		Gauge.builder(MetricNames.LAST_FINISHED_JOB_AGE, this.secondsSinceLastFinishedJob, AtomicLong::get)
			.description("Seconds since any collector job last finished (-1: none yet)")
			.baseUnit("seconds")
			.register(meters);
		Gauge.builder(MetricNames.FAILURE_STREAKS, this.failureStreaks, AtomicLong::get)
			.description("Jobs (type and user) whose recent runs all failed")
			.register(meters);
	}

	@Scheduled(initialDelayString = "${app.alerts.watchdog-interval:1m}",
			fixedDelayString = "${app.alerts.watchdog-interval:1m}")
	public void check() {
		checkSilence();
		checkFailureStreaks();
	}

	/**
	 * @return whether the collector counts as silent now
	 */
	boolean checkSilence() {
		Instant now = this.clock.instant();
		Duration limit = Duration
			.ofSeconds((long) this.collector.intervalSeconds() * this.alertProperties.silentIntervals());
		Timestamp lastFinished = this.jdbc.queryForObject("select max(finished_at) from job_runs", Timestamp.class);
		Instant lastFinishedAt = (lastFinished != null) ? lastFinished.toInstant() : null;
		this.secondsSinceLastFinishedJob
			.set((lastFinishedAt != null) ? Duration.between(lastFinishedAt, now).toSeconds() : -1);
		if (lastFinishedAt != null && lastFinishedAt.isAfter(now.minus(limit))) {
			return false;
		}
		// Users count as waiting once their token has been valid for longer than the
		// limit:
		// a user who connected a minute ago has had no chance to be polled yet.
		Integer activeUsers = this.jdbc.queryForObject(
				"select count(*) from spotify_tokens where status = 'valid' and updated_at <= ?", Integer.class,
				Timestamp.from(now.minus(limit)));
		if (activeUsers == null || activeUsers == 0) {
			return false;
		}
		Duration silentFor = (lastFinishedAt != null) ? Duration.between(lastFinishedAt, now) : limit;
		this.alerts.collectorSilent(silentFor, activeUsers, lastFinishedAt);
		return true;
	}

	/**
	 * @return the streaks found now
	 */
	List<FailureStreak> checkFailureStreaks() {
		int streak = this.alertProperties.failureStreak();
		Instant now = this.clock.instant();
		List<FailureStreak> streaks = this.jdbc.query("""
				select job_type, user_id, count(*) as failures,
				       (array_agg(error_message order by finished_at desc))[1] as last_error
				from (select job_type, user_id, status, error_message, finished_at,
				             row_number() over (partition by job_type, user_id order by finished_at desc) as position
				      from job_runs
				      where started_at >= ? and finished_at is not null) recent
				where position <= ?
				group by job_type, user_id
				having count(*) = ? and bool_and(status = 'error')
				order by job_type, user_id
				""",
				(row, i) -> new FailureStreak(row.getString("job_type"), (Integer) row.getObject("user_id"),
						row.getInt("failures"), row.getString("last_error")),
				Timestamp.from(now.minus(STREAK_WINDOW)), streak, streak);
		this.failureStreaks.set(streaks.size());
		if (!streaks.isEmpty()) {
			this.alerts.jobFailureStreak(streaks);
		}
		return streaks;
	}

}
