package org.spotifymcp.collector.imports;

import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.spotifymcp.collector.OutOfMemoryExit;
import org.spotifymcp.shared.jobs.JobTasks;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link JobTasks#IMPORT_EXPORT} task on the job engine (instance id = import job
 * id). If a collector dies mid-import, db-scheduler revives the execution on another
 * collector once heartbeats stop, and the import continues after its last committed
 * batch. Runs that break are retried with a growing pause; after
 * {@link ImportRetryProperties#maxRetries()} failed runs or dead collectors the job ends
 * as {@code error} instead of staying {@code running} forever.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportRetryProperties.class)
class ImportTaskConfiguration {

	@Bean
	Task<Void> importExportTask(ImportRunner runner, ImportRetryProperties retries) {
		FailureHandler<Void> retryThenGiveUp = new FailureHandler.MaxRetriesFailureHandler<>(retries.maxRetries(),
				new FailureHandler.ExponentialBackoffFailureHandler<>(retries.backoff()),
				(complete, operations) -> runner.gaveUp(jobId(complete), complete.getCause().orElse(null),
						complete.getExecution().consecutiveFailures + 1));
		return Tasks.oneTime(JobTasks.IMPORT_EXPORT)
			.onFailure(retryThenGiveUp)
			.onDeadExecution((complete, operations) -> deadExecution(runner, retries, complete, operations))
			.execute((instance, context) -> {
				try {
					runner.run(Long.parseLong(instance.getId()));
				}
				catch (OutOfMemoryError ex) {
					// the job engine would catch it and go on with a broken JVM
					OutOfMemoryExit.haltIfOutOfMemory(ex);
					throw ex;
				}
			});
	}

	/**
	 * A collector that died while importing (killed, out of memory) counts as a failed
	 * run: an upload that kills every collector that reads it must not loop forever.
	 */
	private static void deadExecution(ImportRunner runner, ImportRetryProperties retries, ExecutionComplete complete,
			ExecutionOperations<Void> operations) {
		int failures = complete.getExecution().consecutiveFailures + 1;
		if (failures > retries.maxRetries()) {
			operations.stop();
			runner.gaveUp(jobId(complete), new IllegalStateException(
					"the collector running it stopped without finishing (killed or out of memory)"), failures);
		}
		else {
			operations.reschedule(complete, Instant.now());
		}
	}

	private static long jobId(ExecutionComplete complete) {
		return Long.parseLong(complete.getExecution().taskInstance.getId());
	}

}
