package org.spotifymcp.collector.polling;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.MeterRegistry;
import org.spotifymcp.collector.jobs.CollectorInstance;
import org.spotifymcp.collector.jobs.JobEngineProperties;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.rollups.PlayCountRule;
import org.spotifymcp.shared.spotify.SpotifyClient;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incremental polling on the job engine: one {@link JobTasks#POLL_USER} execution per
 * active user that reschedules itself by the user's own interval, and the reconciler that
 * keeps those executions in place.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollingProperties.class)
public class PollingConfiguration {

	@Bean
	ListeningHistory listeningHistory(SpotifyClient client) {
		return new SpotifyListeningHistory(client);
	}

	@Bean
	SpotifyRequestBudget spotifyRequestBudget(JdbcTemplate jdbc, CollectorProperties properties, MeterRegistry meters) {
		return new SpotifyRequestBudget(jdbc, properties, meters);
	}

	/**
	 * The collector writes the plays, so its PLAY_MIN_MS is the rule the rollups follow.
	 */
	@Bean
	ApplicationRunner playCountRuleAtStartup(PlayCountRule rule) {
		return (args) -> rule.apply();
	}

	@Bean
	PlayWriter playWriter(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		return new PlayWriter(jdbc, new TransactionTemplate(transactions));
	}

	@Bean
	CheckpointStore checkpointStore(JdbcTemplate jdbc) {
		return new CheckpointStore(jdbc);
	}

	@Bean
	JobRunRecorder jobRunRecorder(JdbcTemplate jdbc, Clock clock, CollectorInstance instance,
			JobEngineProperties engine) {
		return new JobRunRecorder(jdbc, clock, instance, engine.heartbeatInterval());
	}

	@Bean
	PollIntervalPolicy pollIntervalPolicy(CollectorProperties collector, PollingProperties polling) {
		return new PollIntervalPolicy(collector, polling);
	}

	@Bean
	CollectorMetrics collectorMetrics(MeterRegistry meters) {
		return new CollectorMetrics(meters);
	}

	@Bean
	UserPoller userPoller(ListeningHistory history, SpotifyRequestBudget budget, PlayWriter writer,
			CheckpointStore checkpoints, JobRunRecorder runs, PollIntervalPolicy intervals, CollectorMetrics metrics,
			PollingProperties properties, JdbcTemplate jdbc, Clock clock) {
		return new UserPoller(history, budget, writer, checkpoints, runs, intervals, metrics, properties, jdbc, clock);
	}

	@Bean
	CollectionReconciler collectionReconciler(JdbcTemplate jdbc, JobRunRecorder runs, CollectorProperties properties,
			JobEngineProperties engine, Clock clock) {
		return new CollectionReconciler(jdbc, runs, properties, engine.deadAfter(), clock);
	}

	/**
	 * Polls one user (instance id = user id) and reschedules itself for the user's next
	 * poll, or removes itself when the user is paused or must reconnect. An execution
	 * whose collector died is revived by another collector.
	 */
	@Bean
	CustomTask<Void> pollUserTask(UserPoller poller) {
		return Tasks.custom(JobTasks.POLL_USER)
			.defaultPriority(JobTasks.priorityOf(JobTasks.POLL_USER))
			.onDeadExecution(reviveNow())
			.onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1)))
			.execute((instance, context) -> {
				PollOutcome outcome = poller.poll(Integer.parseInt(instance.getId()), context.getExecution().pickedBy,
						() -> context.getSchedulerState().isShuttingDown());
				return completion(outcome);
			});
	}

	@Bean
	RecurringTask<Void> reconcileTask(CollectionReconciler reconciler, PollingProperties properties) {
		return Tasks.recurring(CollectionReconciler.TASK, Schedules.fixedDelay(properties.reconcileInterval()))
			.execute((instance, context) -> reconciler.reconcile(context.getSchedulerClient()));
	}

	/**
	 * Runs a dead collector's execution again right away. Unlike db-scheduler's own
	 * revive handler it reads "now" from the job engine's clock (the time the death was
	 * detected), so the application clock rules due times everywhere.
	 */
	public static <T> DeadExecutionHandler<T> reviveNow() {
		return (complete, operations) -> operations.reschedule(complete, complete.getTimeDone());
	}

	/** Reschedules a per-user execution, or removes it when the user's work stops. */
	static <T> CompletionHandler<T> completion(PollOutcome outcome) {
		if (outcome.stops()) {
			return new CompletionHandler.OnCompleteRemove<>();
		}
		return (complete, operations) -> operations.reschedule(complete, outcome.nextRunAt());
	}

}
