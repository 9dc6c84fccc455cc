package org.spotifymcp.collector.polling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes sure every active user (a valid Spotify token, not paused, not waiting for
 * re-authentication) has work on the job engine: an initial sync while theirs is not done
 * (when {@code INITIAL_SYNC_ENABLED}), otherwise a recurring poll. New users, resumed
 * users and reconnected users are picked up this way. It also closes job runs whose
 * collector died. Runs as a recurring task, so once per interval across the cluster.
 */
public class CollectionReconciler {

	public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("collector-reconcile");

	private static final Logger logger = LoggerFactory.getLogger(CollectionReconciler.class);

	private static final String USERS_WITHOUT_WORK = """
			SELECT u.id, c.initial_sync_completed_at, c.next_poll_at
			  FROM users u
			  JOIN spotify_tokens t ON t.user_id = u.id AND t.status = 'valid'
			  LEFT JOIN sync_checkpoints c ON c.user_id = u.id
			 WHERE (c.status IS NULL OR c.status NOT IN ('paused', 'reauth_required'))
			   AND NOT EXISTS (SELECT 1 FROM scheduled_tasks s
			                    WHERE s.task_name IN (?, ?) AND s.task_instance = u.id::text)
			""";

	private final JdbcTemplate jdbc;

	private final JobRunRecorder runs;

	private final CollectorProperties properties;

	private final Duration deadAfter;

	private final Clock clock;

	public CollectionReconciler(JdbcTemplate jdbc, JobRunRecorder runs, CollectorProperties properties,
			Duration deadAfter, Clock clock) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.properties = properties;
		this.deadAfter = deadAfter;
		this.clock = clock;
	}

	/**
	 * @param scheduler the job engine to put missing work on
	 * @return how many users got work scheduled
	 */
	public int reconcile(SchedulerClient scheduler) {
		this.runs.closeStaleRuns(this.deadAfter);
		Instant now = this.clock.instant();
		List<Missing> missing = this.jdbc.query(USERS_WITHOUT_WORK,
				(row, i) -> new Missing(row.getInt(1), row.getTimestamp(2) != null, instant(row.getTimestamp(3))),
				JobTasks.POLL_USER.getTaskName(), JobTasks.INITIAL_SYNC.getTaskName());
		for (Missing user : missing) {
			this.jdbc.update("INSERT INTO sync_checkpoints (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING",
					user.userId());
			TaskDescriptor<Void> task = (this.properties.initialSyncEnabled() && !user.initialSyncDone())
					? JobTasks.INITIAL_SYNC : JobTasks.POLL_USER;
			Instant at = (task == JobTasks.POLL_USER && user.nextPollAt() != null && user.nextPollAt().isAfter(now))
					? user.nextPollAt() : now;
			scheduler.scheduleIfNotExists(JobTasks.instance(task, String.valueOf(user.userId())), at);
		}
		if (!missing.isEmpty()) {
			logger.info(LogEvents.PERSIST, "scheduled collection for {} users", missing.size());
		}
		return missing.size();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Missing(int userId, boolean initialSyncDone, Instant nextPollAt) {

	}

}
