package org.spotifymcp.collector.imports;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.imports.ExportImporter;
import org.spotifymcp.shared.imports.ImportStatus;

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

	private final MeterRegistry meters;

	ImportRunner(ExportImporter importer, JdbcTemplate jdbc, AlertNotifier alerts, MeterRegistry meters) {
		this.importer = importer;
		this.jdbc = jdbc;
		this.alerts = alerts;
		this.meters = meters;
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
		long recordsBefore = recordsProcessed(jobId);
		long started = System.nanoTime();
		String outcome = "failed";
		try {
			Optional<ImportStatus> status = this.importer.run(jobId);
			outcome = status.map(ImportStatus::code).orElse("missing");
			if (status.equals(Optional.of(ImportStatus.ERROR))) {
				alertFailure(jobId, userId);
			}
		}
		finally {
			record(outcome, recordsProcessed(jobId) - recordsBefore, System.nanoTime() - started);
			if (!previous.isEmpty()) {
				restoreCheckpoint(jobId, userId, previous.get(0));
			}
		}
	}

	/**
	 * The job engine stopped retrying the job: it ends as {@code error} with the last
	 * failure, and the admin is alerted as for any failed import.
	 * @param jobId the import job
	 * @param cause the last failure, null when unknown
	 * @param runs failed runs so far
	 */
	void gaveUp(long jobId, Throwable cause, int runs) {
		String reason = "the import was given up after " + runs + " failed run" + ((runs == 1) ? "" : "s") + ": "
				+ describe(cause);
		if (this.importer.abandon(jobId, reason)) {
			logger.warn("import job {} given up: {}", jobId, reason);
			List<Integer> users = this.jdbc.queryForList("SELECT user_id FROM import_jobs WHERE id = ?", Integer.class,
					jobId);
			if (!users.isEmpty()) {
				alertFailure(jobId, users.get(0));
			}
		}
	}

	private static String describe(Throwable cause) {
		if (cause == null) {
			return "unknown failure";
		}
		StringBuilder text = new StringBuilder(String.valueOf(cause.getMessage()));
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root != cause) {
			text.append(" (")
				.append(root.getClass().getSimpleName())
				.append(": ")
				.append(root.getMessage())
				.append(')');
		}
		return text.toString();
	}

	private long recordsProcessed(long jobId) {
		List<Long> records = this.jdbc.queryForList("SELECT records_processed FROM import_jobs WHERE id = ?",
				Long.class, jobId);
		return records.isEmpty() ? 0 : records.get(0);
	}

	/**
	 * Import speed for dashboards: records read per run and run time, by outcome
	 * (success, error, or failed when the run itself broke and the job will be retried).
	 */
	private void record(String outcome, long records, long nanos) {
		Counter.builder("collector.import.records")
			.description("Export records read by import runs")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment(Math.max(0, records));
		Timer.builder("collector.import.duration")
			.description("Time of one import run")
			.tag("outcome", outcome)
			.register(this.meters)
			.record(nanos, TimeUnit.NANOSECONDS);
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
