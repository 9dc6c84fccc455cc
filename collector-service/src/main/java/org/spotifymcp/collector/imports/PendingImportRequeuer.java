package org.spotifymcp.collector.imports;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On collector start, queues import jobs that are pending or running but have no
 * execution on the job engine (the upload was stored but queueing failed, or the engine's
 * row was lost), so no upload waits forever.
 */
@Component
class PendingImportRequeuer {

	private static final Logger logger = LoggerFactory.getLogger(PendingImportRequeuer.class);

	private final JdbcTemplate jdbc;

	private final JobQueue queue;

	PendingImportRequeuer(JdbcTemplate jdbc, JobQueue queue) {
		this.jdbc = jdbc;
		this.queue = queue;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		requeueUnqueued();
	}

	/**
	 * @return how many jobs were queued
	 */
	int requeueUnqueued() {
		List<Long> jobs = this.jdbc.queryForList("""
				SELECT j.id FROM import_jobs j
				WHERE j.status IN ('pending', 'running')
				  AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t
				                  WHERE t.task_name = ? AND t.task_instance = j.id::text)
				ORDER BY j.created_at""", Long.class, JobTasks.IMPORT_EXPORT.getTaskName());
		for (Long job : jobs) {
			this.queue.runSoon(JobTasks.IMPORT_EXPORT, String.valueOf(job));
		}
		if (!jobs.isEmpty()) {
			logger.info("queued {} import jobs that were waiting without a queue entry", jobs.size());
		}
		return jobs.size();
	}

}
