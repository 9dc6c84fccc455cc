package org.spotifymcp.shared.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code import_jobs} row of an import: claimed by one instance, shown its format
 * early, and ended {@code success} or {@code error} in the transaction that applies the
 * job's plays to the rollups.
 */
final class ImportJobs {

	private static final Logger logger = LoggerFactory.getLogger(ImportJobs.class);

	private static final String LOAD_JOB = """
			SELECT user_id, status, original_filename, stored_path, format_detected, records_processed,
			       resume_entry_index, resume_record_index
			FROM import_jobs WHERE id = ? FOR UPDATE""";

	private static final String MARK_RUNNING = """
			UPDATE import_jobs SET status = 'running', started_at = coalesce(started_at, now()),
			       claimed_by = ?, heartbeat_at = now(), error_message = NULL
			WHERE id = ?""";

	// Batches leave the rollups alone; here, in the transaction that finishes the job,
	// every rollup of the months the job wrote is counted again at once. A day
	// more on each side covers the account-data plays a batch replaced, which lie within
	// the cross-source tolerance of the job's own plays.
	private static final String APPLY_ROLLUPS = """
			SELECT apply_plays_to_rollups(user_id, earliest_played_at - interval '1 day',
			                              latest_played_at + interval '1 day')
			FROM import_jobs WHERE id = ? AND records_inserted > 0""";

	/**
	 * An import that added this many plays gets fresh planner statistics at once
	 * ({@code analyze_history()}) instead of when autovacuum comes round.
	 */
	static final int ANALYZE_AFTER_PLAYS = 10_000;

	private static final String ANALYZE_HISTORY = """
			SELECT analyze_history() FROM import_jobs WHERE id = ? AND records_inserted >= ?""";

	private static final String MARK_SUCCESS = """
			UPDATE import_jobs SET status = 'success', finished_at = now(), heartbeat_at = now(),
			       records_total_estimate = records_processed, bytes_processed = file_size_bytes
			WHERE id = ?""";

	private static final String MARK_ERROR = """
			UPDATE import_jobs SET status = 'error', finished_at = now(), heartbeat_at = now(),
			       error_message = ? || ' (' || records_inserted || ' plays from ' || records_processed
			                        || ' records were imported before it stopped and are kept)'
			WHERE id = ?""";

	// A job the job engine gave up on: only one still in progress is closed.
	private static final String MARK_ABANDONED = MARK_ERROR + " AND status IN ('pending', 'running')";

	private static final String MARK_ABANDONED_WITHOUT_ROLLUPS = """
			UPDATE import_jobs SET status = 'error', finished_at = now(), heartbeat_at = now(), error_message = ?
			WHERE id = ? AND status IN ('pending', 'running')""";

	private static final String STORED_PATH_IN_PROGRESS = """
			SELECT stored_path FROM import_jobs WHERE id = ? AND status IN ('pending', 'running')""";

	private final DataSource dataSource;

	private final String instanceName;

	ImportJobs(DataSource dataSource, String instanceName) {
		this.dataSource = dataSource;
		this.instanceName = instanceName;
	}

	/**
	 * Reads a job and, when it is still in progress, marks it running on this instance.
	 * @return the job, null when there is no such job
	 */
	Job claim(long jobId) {
		try (Connection connection = this.dataSource.getConnection()) {
			return claim(connection, jobId);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("import job " + jobId + " could not be claimed", ex);
		}
	}

	private Job claim(Connection connection, long jobId) throws SQLException {
		connection.setAutoCommit(false);
		try (PreparedStatement load = connection.prepareStatement(LOAD_JOB)) {
			load.setLong(1, jobId);
			try (ResultSet row = load.executeQuery()) {
				if (!row.next()) {
					connection.rollback();
					return null;
				}
				Job job = new Job(row.getInt(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
						row.getLong(6), new ResumePosition(row.getInt(7), row.getLong(8)));
				if (job.inProgress()) {
					try (PreparedStatement running = connection.prepareStatement(MARK_RUNNING)) {
						running.setString(1, this.instanceName);
						running.setLong(2, jobId);
						running.executeUpdate();
					}
				}
				connection.commit();
				return job;
			}
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	/**
	 * Shows the format the file names announce as soon as the upload is opened, instead
	 * of after the first committed batch (a small export is a single batch).
	 */
	static Job announceFormat(Connection connection, long jobId, Job job, String announced) throws SQLException {
		if (job.formatDetected() != null || announced == null) {
			return job;
		}
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE import_jobs SET format_detected = ? WHERE id = ? AND format_detected IS NULL")) {
			update.setString(1, announced);
			update.setLong(2, jobId);
			update.executeUpdate();
		}
		return new Job(job.userId(), job.status(), job.originalFilename(), job.storedPath(), announced,
				job.recordsProcessed(), job.resume());
	}

	/** Ends a job {@code success}, its plays applied to the rollups. */
	void succeed(long jobId) {
		finish(jobId, MARK_SUCCESS, null);
	}

	/**
	 * Ends a job {@code error} with a message for the user; what it committed is kept and
	 * applied to the rollups.
	 */
	void fail(long jobId, String message) {
		finish(jobId, MARK_ERROR, message);
	}

	/**
	 * Ends a job the job engine stopped retrying as {@code error}, so it never stays
	 * {@code running}; rows committed before are kept and their rollups refreshed.
	 * @param jobId the {@code import_jobs} row
	 * @param reason why it was given up, shown to the user
	 * @return whether the job was still in progress and is now {@code error}
	 */
	boolean abandon(long jobId, String reason) {
		String message = PrintableText.abbreviate(reason, 4000);
		String storedPath;
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(STORED_PATH_IN_PROGRESS)) {
			select.setLong(1, jobId);
			try (ResultSet row = select.executeQuery()) {
				storedPath = row.next() ? row.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("import job " + jobId + " could not be read", ex);
		}
		if (storedPath == null) {
			return false;
		}
		try {
			finish(jobId, MARK_ABANDONED, message);
		}
		catch (IllegalStateException ex) {
			// the rollup refresh may be what keeps failing: the status must change anyway
			logger.warn("import job {}: rollups not refreshed while giving up: {}", jobId, ex.getMessage());
			try (Connection connection = this.dataSource.getConnection();
					PreparedStatement update = connection.prepareStatement(MARK_ABANDONED_WITHOUT_ROLLUPS)) {
				update.setString(1, message);
				update.setLong(2, jobId);
				update.executeUpdate();
			}
			catch (SQLException inner) {
				throw new IllegalStateException("import job " + jobId + " could not be marked as failed", inner);
			}
		}
		try {
			Files.deleteIfExists(Path.of(storedPath));
		}
		catch (IOException ex) {
			logger.warn("could not delete abandoned upload {}: {}", storedPath, ex.getMessage());
		}
		return true;
	}

	private void finish(long jobId, String sql, String message) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement apply = connection.prepareStatement(APPLY_ROLLUPS);
					PreparedStatement statement = connection.prepareStatement(sql)) {
				apply.setLong(1, jobId);
				apply.execute();
				if (message != null) {
					statement.setString(1, PrintableText.abbreviate(message, 4000));
					statement.setLong(2, jobId);
				}
				else {
					statement.setLong(1, jobId);
				}
				statement.executeUpdate();
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("import job " + jobId + " could not be finished", ex);
		}
		analyzeAfterLargeImport(jobId);
	}

	private void analyzeAfterLargeImport(long jobId) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement analyze = connection.prepareStatement(ANALYZE_HISTORY)) {
			analyze.setLong(1, jobId);
			analyze.setInt(2, ANALYZE_AFTER_PLAYS);
			analyze.execute();
		}
		catch (SQLException ex) {
			// the job is done either way; autovacuum will analyze the tables later
			logger.warn("import job {}: planner statistics not refreshed: {}", jobId, ex.getMessage());
		}
	}

	/** The upload holds a person's listening history: it is not kept once imported. */
	void deleteUpload(Job job) {
		try {
			Files.deleteIfExists(Path.of(job.storedPath()));
		}
		catch (IOException ex) {
			logger.warn("could not delete imported upload {}: {}", job.storedPath(), ex.getMessage());
		}
	}

	/** A claimed job: what it imports and where it stands. */
	record Job(int userId, String status, String originalFilename, String storedPath, String formatDetected,
			long recordsProcessed, ResumePosition resume) {

		boolean inProgress() {
			return this.status.equals("pending") || this.status.equals("running");
		}

	}

}
