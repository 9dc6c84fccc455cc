package org.spotifymcp.collector.sync;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.spotifymcp.collector.polling.CheckpointStore;
import org.spotifymcp.collector.polling.CollectorMetrics;
import org.spotifymcp.collector.polling.JobRunRecorder;
import org.spotifymcp.collector.polling.ListeningHistory;
import org.spotifymcp.collector.polling.PlayWriter;
import org.spotifymcp.collector.polling.PollIntervalPolicy;
import org.spotifymcp.collector.polling.PollOutcome;
import org.spotifymcp.collector.polling.PollingConfiguration;
import org.spotifymcp.collector.polling.PollingProperties;
import org.spotifymcp.collector.polling.SpotifyRequestBudget;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The initial sync on the job engine: {@link JobTasks#INITIAL_SYNC}, one execution per
 * user, ahead of polls and behind imports.
 */
@Configuration(proxyBeanMethods = false)
class InitialSyncConfiguration {

	@Bean
	InitialSyncSlots initialSyncSlots(DataSource dataSource, CollectorProperties properties) {
		return new InitialSyncSlots(dataSource, properties);
	}

	@Bean
	InitialSync initialSync(ListeningHistory history, SpotifyRequestBudget budget, PlayWriter writer,
			CheckpointStore checkpoints, JobRunRecorder runs, InitialSyncSlots slots, JobQueue queue,
			CollectorMetrics metrics, CollectorProperties collector, PollingProperties polling,
			PollIntervalPolicy intervals, Clock clock) {
		return new InitialSync(history, budget, writer, checkpoints, runs, slots, queue, metrics, collector, polling,
				intervals, clock);
	}

	/**
	 * Backfills one user (instance id = user id). Done: removed. No free slot or a
	 * passing failure: tries again later. Revived on another collector if this one dies.
	 */
	@Bean
	CustomTask<Void> initialSyncTask(InitialSync sync) {
		return Tasks.custom(JobTasks.INITIAL_SYNC)
			.defaultPriority(JobTasks.priorityOf(JobTasks.INITIAL_SYNC))
			.onDeadExecution(PollingConfiguration.reviveNow())
			.onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1)))
			.execute((instance, context) -> {
				PollOutcome outcome = sync.run(Integer.parseInt(instance.getId()), context.getExecution().pickedBy,
						() -> context.getSchedulerState().isShuttingDown());
				if (outcome.stops()) {
					return new CompletionHandler.OnCompleteRemove<>();
				}
				return (complete, operations) -> operations.reschedule(complete, outcome.nextRunAt());
			});
	}

}
