package org.spotifymcp.collector.imports;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.spotifymcp.shared.jobs.JobTasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link JobTasks#IMPORT_EXPORT} task on the job engine (instance id = import job
 * id). If a collector dies mid-import, db-scheduler revives the execution on another
 * collector once heartbeats stop, and the import continues after its last committed
 * batch.
 */
@Configuration(proxyBeanMethods = false)
class ImportTaskConfiguration {

	@Bean
	Task<Void> importExportTask(ImportRunner runner) {
		return Tasks.oneTime(JobTasks.IMPORT_EXPORT)
			.execute((instance, context) -> runner.run(Long.parseLong(instance.getId())));
	}

}
