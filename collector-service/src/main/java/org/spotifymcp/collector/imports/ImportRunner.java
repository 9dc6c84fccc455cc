package org.spotifymcp.collector.imports;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.imports.ExportImporter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs one import job and shows it on the user's sync checkpoint: {@code importing} while
 * it runs, the previous status afterwards.
 */
@Component
class ImportRunner {

	private static final Logger logger = LoggerFactory.getLogger(ImportRunner.class);

	private final ExportImporter importer;

	private final JdbcTemplate jdbc;

	private final AlertNotifier alerts;

	ImportRunner(ExportImporter importer, JdbcTemplate jdbc, AlertNotifier alerts) {
		this.importer = importer;
		this.jdbc = jdbc;
		this.alerts = alerts;
	}

	void run(long jobId) {
		List<Integer> users = this.jdbc.queryForList("SELECT user_id FROM import_jobs WHERE id = ?", Integer.class,
				jobId);
		if (users.isEmpty()) {
			logger.warn("import job {} no longer exists; nothing to do", jobId);
			return;
		}
		int userId = users.get(0);
		List<String> previous = this.jdbc.queryForList("SELECT status FROM sync_checkpoints WHERE user_id = ?",
				String.class, userId);
		if (!previous.isEmpty()) {
			this.jdbc.update("UPDATE sync_checkpoints SET status = 'importing', updated_at = now() WHERE user_id = ?",
					userId);
		}
		try {
			if ("error".equals(this.importer.run(jobId))) {
				alertFailure(jobId, userId);
			}
		}
		finally {
			if (!previous.isEmpty()) {
				restoreCheckpoint(jobId, userId, previous.get(0));
			}
		}
	}

	private void alertFailure(long jobId, int userId) {
		List<String> errors = this.jdbc.queryForList("SELECT error_message FROM import_jobs WHERE id = ?", String.class,
				jobId);
		this.alerts.importFailed(jobId, userId, errors.isEmpty() ? "unknown error" : errors.get(0));
	}

	/**
	 * Puts back what was there before, unless another import of the user still runs or
	 * someone else changed the status meanwhile. A status left at {@code importing} by a
	 * crashed run goes back to {@code idle}.
	 */
	private void restoreCheckpoint(long jobId, int userId, String previous) {
		String restored = "importing".equals(previous) ? "idle" : previous;
		this.jdbc.update("""
				UPDATE sync_checkpoints SET status = ?, updated_at = now()
				WHERE user_id = ? AND status = 'importing'
				  AND NOT EXISTS (SELECT 1 FROM import_jobs
				                  WHERE user_id = ? AND status = 'running' AND id <> ?)""", restored, userId, userId,
				jobId);
	}

}
