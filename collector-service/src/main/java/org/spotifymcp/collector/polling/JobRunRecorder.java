package org.spotifymcp.collector.polling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.collector.jobs.CollectorInstance;
import org.spotifymcp.shared.jobs.JobRunStatus;
import org.spotifymcp.shared.logs.LogEvents;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the {@code job_runs} rows of this collector: opens one per run, refreshes
 * {@code heartbeat_at} of every open run on a timer, closes it with its statistics, and
 * marks runs of any collector whose heartbeat went stale (the process died) as errors so
 * no run stays "running" forever.
 */
public class JobRunRecorder implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(JobRunRecorder.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final String instanceId;

	private final Set<Long> open = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService heartbeats;

	public JobRunRecorder(JdbcTemplate jdbc, Clock clock, CollectorInstance instance, Duration heartbeatInterval) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.instanceId = instance.id();
		this.heartbeats = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "job-run-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long millis = heartbeatInterval.toMillis();
		this.heartbeats.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * @param jobType {@code poll}, {@code initial_sync}…
	 * @param userId the user, or null
	 * @param instanceId the collector running it (the job engine's scheduler name), or
	 * null for this process
	 * @return the run's id
	 */
	public long start(String jobType, Integer userId, String instanceId) {
		Timestamp now = Timestamp.from(this.clock.instant());
		Long id = this.jdbc.queryForObject(
				"INSERT INTO job_runs (job_type, user_id, status, started_at, heartbeat_at, instance_id)"
						+ " VALUES (?, ?, 'running', ?, ?, ?) RETURNING id",
				Long.class, jobType, userId, now, now, (instanceId != null) ? instanceId : this.instanceId);
		this.open.add(id);
		return id;
	}

	public void finish(long runId, JobRunStatus status, RunStats stats, String error) {
		this.open.remove(runId);
		this.jdbc.update(
				"UPDATE job_runs SET status = ?, finished_at = ?, heartbeat_at = ?, stats = ?::jsonb,"
						+ " error_message = ? WHERE id = ?",
				status.name().toLowerCase(java.util.Locale.ROOT), Timestamp.from(this.clock.instant()),
				Timestamp.from(this.clock.instant()), JSON.writeValueAsString(stats.asMap()), truncate(error), runId);
	}

	/**
	 * Marks runs whose collector stopped proving it is alive.
	 * @param staleAfter heartbeat age after which a run counts as dead
	 * @return how many runs were closed
	 */
	public int closeStaleRuns(Duration staleAfter) {
		Instant cutoff = this.clock.instant().minus(staleAfter);
		int closed = this.jdbc.update(
				"UPDATE job_runs SET status = 'error', finished_at = ?, error_message = 'collector '"
						+ " || coalesce(instance_id, '?') || ' stopped: no heartbeat since ' || heartbeat_at"
						+ " WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < ?",
				Timestamp.from(this.clock.instant()), Timestamp.from(cutoff));
		if (closed > 0) {
			logger.warn("closed {} job runs left running by collectors that stopped", closed);
		}
		return closed;
	}

	private void beat() {
		if (this.open.isEmpty()) {
			return;
		}
		try {
			this.jdbc.update((connection) -> {
				var statement = connection.prepareStatement("UPDATE job_runs SET heartbeat_at = ? WHERE id = ANY (?)");
				statement.setTimestamp(1, Timestamp.from(this.clock.instant()));
				statement.setArray(2, connection.createArrayOf("int8", this.open.toArray()));
				return statement;
			});
		}
		catch (RuntimeException ex) {
			logger.warn("could not refresh job run heartbeats: {}", ex.toString());
		}
	}

	/**
	 * On shutdown: runs this collector could not finish are closed as errors right away
	 * rather than waiting for the stale sweep; db-scheduler releases their executions.
	 */
	@Override
	public void close() {
		this.heartbeats.shutdownNow();
		if (!this.open.isEmpty()) {
			int closed = this.jdbc.update((connection) -> {
				var statement = connection.prepareStatement("UPDATE job_runs SET status = 'error', finished_at = ?,"
						+ " error_message = 'collector shut down before the run finished'"
						+ " WHERE id = ANY (?) AND status = 'running'");
				statement.setTimestamp(1, Timestamp.from(this.clock.instant()));
				statement.setArray(2, connection.createArrayOf("int8", this.open.toArray()));
				return statement;
			});
			logger.info(LogEvents.PERSIST, "closed {} unfinished job runs on shutdown", closed);
		}
	}

	private static String truncate(String error) {
		return (error == null || error.length() <= 2000) ? error : error.substring(0, 2000);
	}

}
