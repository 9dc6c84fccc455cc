package org.spotifymcp.shared.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.config.ImportProperties;
import org.spotifymcp.shared.logs.LogEvents;

/**
 * Runs one import job from its last committed position to the end. One thread parses
 * (Jackson streaming over the ZIP), resolves the batch's tracks in the catalog on its own
 * connection and encodes the rows while the calling thread loads the previous batch, so
 * parsing, catalog and play loading overlap in two PostgreSQL backends. Rollups are
 * refreshed once for the job's range when it ends. Each batch commits with the job's
 * counters and resume position; if the process dies, running the job again continues
 * after the last committed batch and ends with exactly the rows of an uninterrupted run.
 */
public class ExportImporter {

	private static final Logger logger = LoggerFactory.getLogger(ExportImporter.class);

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
	private static final List<String> REFRESH_ROLLUPS = List.of("""
			SELECT apply_plays_to_rollups(user_id, earliest_played_at - interval '1 day',
			                              latest_played_at + interval '1 day')
			FROM import_jobs WHERE id = ? AND records_inserted > 0""");

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

	private final ImportProperties properties;

	private final ImportEngineProperties engine;

	private final Clock clock;

	private final String instanceName;

	public ExportImporter(DataSource dataSource, ImportProperties properties, ImportEngineProperties engine,
			Clock clock, String instanceName) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.engine = engine;
		this.clock = clock;
		this.instanceName = instanceName;
	}

	/**
	 * Imports a job's upload, continuing after its last committed batch.
	 * @param jobId the {@code import_jobs} row
	 * @return the job's status afterwards, empty when there is no such job
	 */
	public Optional<ImportStatus> run(long jobId) {
		return run(jobId, BatchObserver.NONE);
	}

	/**
	 * As {@link #run(long)}, telling an observer about every committed batch (progress
	 * display, benchmarks, crash simulations in tests).
	 */
	public Optional<ImportStatus> run(long jobId, BatchObserver observer) {
		JobState job;
		try (Connection connection = this.dataSource.getConnection()) {
			job = claim(connection, jobId);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("import job " + jobId + " could not be claimed", ex);
		}
		if (job == null) {
			return Optional.empty();
		}
		if (!job.status().equals("pending") && !job.status().equals("running")) {
			return Optional.of(ImportStatus.ofCode(job.status()));
		}
		try {
			importFile(jobId, job, observer);
			finish(jobId, MARK_SUCCESS, null);
			logger.info(LogEvents.PERSIST, "import job {} of user {} finished", jobId, job.userId());
			deleteUpload(job);
			return Optional.of(ImportStatus.SUCCESS);
		}
		catch (ImportFailedException ex) {
			finish(jobId, MARK_ERROR, ex.getMessage());
			logger.warn("import job {} of user {} failed: {}", jobId, job.userId(), ex.getMessage());
			deleteUpload(job);
			return Optional.of(ImportStatus.ERROR);
		}
	}

	/**
	 * Ends a job the job engine stopped retrying as {@code error}, so it never stays
	 * {@code running}; rows committed before are kept and their rollups refreshed.
	 * @param jobId the {@code import_jobs} row
	 * @param reason why it was given up, shown to the user
	 * @return whether the job was still in progress and is now {@code error}
	 */
	public boolean abandon(long jobId, String reason) {
		String message = PrintableText.abbreviate(reason, 4000);
		List<String> storedPaths;
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(STORED_PATH_IN_PROGRESS)) {
			select.setLong(1, jobId);
			try (ResultSet row = select.executeQuery()) {
				storedPaths = row.next() ? List.of(row.getString(1)) : List.of();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("import job " + jobId + " could not be read", ex);
		}
		if (storedPaths.isEmpty()) {
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
			Files.deleteIfExists(Path.of(storedPaths.get(0)));
		}
		catch (IOException ex) {
			logger.warn("could not delete abandoned upload {}: {}", storedPaths.get(0), ex.getMessage());
		}
		return true;
	}

	private JobState claim(Connection connection, long jobId) throws SQLException {
		connection.setAutoCommit(false);
		try (PreparedStatement load = connection.prepareStatement(LOAD_JOB)) {
			load.setLong(1, jobId);
			try (ResultSet row = load.executeQuery()) {
				if (!row.next()) {
					connection.rollback();
					return null;
				}
				JobState job = new JobState(row.getInt(1), row.getString(2), row.getString(3), row.getString(4),
						row.getString(5), row.getLong(6), new ResumePosition(row.getInt(7), row.getLong(8)));
				if (job.status().equals("pending") || job.status().equals("running")) {
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

	private void importFile(long jobId, JobState claimed, BatchObserver observer) {
		Path file = Path.of(claimed.storedPath());
		try (ExportReader reader = ExportReader.open(file, claimed.originalFilename(), this.engine,
				this.properties.keepExtraFields(), this.clock);
				Connection connection = this.dataSource.getConnection();
				TrackCatalog catalog = new TrackCatalog(this.dataSource.getConnection())) {
			JobState job = announceFormat(connection, jobId, claimed, reader.announcedFormat());
			BatchLoader loader = new BatchLoader(connection, jobId, job.userId(), this.properties.keepExtraFields(),
					this.properties.crossSourceToleranceSeconds());
			long fileSize = Files.size(file);
			Producer producer = new Producer(reader, catalog, job);
			Thread thread = new Thread(producer, "import-parser-" + jobId);
			thread.setDaemon(true);
			thread.start();
			try {
				consume(producer, thread, loader, job, fileSize, observer);
			}
			finally {
				producer.cancelled = true;
				thread.interrupt();
			}
		}
		catch (SQLException ex) {
			if (RefusedData.isCausedBy(ex)) {
				throw new ImportFailedException(
						claimed.originalFilename() + ": the database refused records read so far ("
								+ PrintableText.abbreviate(String.valueOf(ex.getMessage()), 300) + ")",
						ex);
			}
			throw new IllegalStateException("import job " + jobId + ": database failure", ex);
		}
		catch (IOException ex) {
			throw new ImportFailedException(claimed.originalFilename() + " could not be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Shows the format the file names announce as soon as the upload is opened, instead
	 * of after the first committed batch (a small export is a single batch).
	 */
	private static JobState announceFormat(Connection connection, long jobId, JobState job, String announced)
			throws SQLException {
		if (job.formatDetected() != null || announced == null) {
			return job;
		}
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE import_jobs SET format_detected = ? WHERE id = ? AND format_detected IS NULL")) {
			update.setString(1, announced);
			update.setLong(2, jobId);
			update.executeUpdate();
		}
		return new JobState(job.userId(), job.status(), job.originalFilename(), job.storedPath(), announced,
				job.recordsProcessed(), job.resume());
	}

	private void consume(Producer producer, Thread thread, BatchLoader loader, JobState job, long fileSize,
			BatchObserver observer) throws SQLException {
		String formats = job.formatDetected();
		long processed = job.recordsProcessed();
		while (true) {
			Object item = take(producer.queue, thread);
			if (item instanceof ImportBatch batch) {
				formats = ExportFormat.combine(formats, batch.formats);
				processed += batch.records;
				Long estimate = (batch.bytesProcessed > 0)
						? Math.max(processed, (long) (processed * (double) fileSize / batch.bytesProcessed)) : null;
				long inserted = loader.load(batch, formats, estimate);
				observer.committed(batch.musicRecords(), inserted, batch.end);
			}
			else if (item instanceof ImportFailedException failure) {
				throw failure;
			}
			else if (item instanceof RuntimeException unexpected) {
				throw unexpected;
			}
			else if (item instanceof Error error) {
				throw error;
			}
			else {
				return;
			}
		}
	}

	/**
	 * The next item of the parser; should its thread ever end without handing over a
	 * result, the job fails instead of waiting forever and holding an engine thread.
	 */
	private static Object take(BlockingQueue<Object> queue, Thread parser) {
		try {
			while (true) {
				Object item = queue.poll(1, TimeUnit.SECONDS);
				if (item != null) {
					return item;
				}
				if (!parser.isAlive()) {
					item = queue.poll();
					if (item != null) {
						return item;
					}
					throw new IllegalStateException(parser.getName() + " ended without a result");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("import interrupted", ex);
		}
	}

	private void finish(long jobId, String sql, String message) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				for (String refreshSql : REFRESH_ROLLUPS) {
					try (PreparedStatement refresh = connection.prepareStatement(refreshSql)) {
						refresh.setLong(1, jobId);
						refresh.execute();
					}
				}
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
	}

	/** The upload holds a person's listening history: it is not kept once imported. */
	private void deleteUpload(JobState job) {
		try {
			Files.deleteIfExists(Path.of(job.storedPath()));
		}
		catch (IOException ex) {
			logger.warn("could not delete imported upload {}: {}", job.storedPath(), ex.getMessage());
		}
	}

	private record JobState(int userId, String status, String originalFilename, String storedPath,
			String formatDetected, long recordsProcessed, ResumePosition resume) {
	}

	/** Told about every committed batch. */
	@FunctionalInterface
	public interface BatchObserver {

		BatchObserver NONE = (music, inserted, position) -> {
		};

		void committed(int musicRecords, long inserted, ResumePosition position);

	}

	/**
	 * Parses, resolves and encodes batches on its own thread. Hands over at most two
	 * batches ahead, so memory stays bounded; ends with a failure or an end marker.
	 */
	private final class Producer implements Runnable, ExportReader.RecordSink {

		private static final Object END = new Object();

		final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);

		volatile boolean cancelled;

		private final ExportReader reader;

		private final TrackCatalog catalog;

		private final JobState job;

		private final boolean keepExtras = ExportImporter.this.properties.keepExtraFields();

		private final int batchSize = ExportImporter.this.engine.batchSize();

		private final long maxRecords = ExportImporter.this.properties.maxRecords();

		private long recordsSeen;

		private ImportBatch current;

		Producer(ExportReader reader, TrackCatalog catalog, JobState job) {
			this.reader = reader;
			this.catalog = catalog;
			this.job = job;
			this.recordsSeen = job.recordsProcessed();
			this.current = new ImportBatch(this.batchSize);
		}

		/**
		 * Always ends by handing over a result (end marker or failure) unless the loader
		 * cancelled it, whatever is thrown: the loader waits for it.
		 */
		@Override
		public void run() {
			Object last;
			try {
				last = readAll();
			}
			catch (StopReading ex) {
				return;
			}
			catch (RuntimeException ex) {
				last = failure(ex, "reading the upload failed");
			}
			catch (Error ex) {
				// out of memory and the like: the loader rethrows it on its own thread
				last = ex;
			}
			if (!this.cancelled) {
				try {
					hand(last);
				}
				catch (StopReading ex) {
					// the loader stopped first
				}
			}
		}

		private Object readAll() {
			Object last;
			try {
				this.reader.read(this.job.resume(), this);
				last = END;
			}
			catch (ImportFailedException | StopReading ex) {
				if (ex instanceof StopReading stop && stop.failure == null) {
					throw stop;
				}
				last = (ex instanceof ImportFailedException) ? ex : ((StopReading) ex).failure;
			}
			catch (RuntimeException ex) {
				if (this.cancelled) {
					throw new StopReading(null);
				}
				last = failure(ex, "reading the upload failed");
				// the batch in hand may be what failed: it is not committed, the job
				// stops
				this.current = new ImportBatch(this.batchSize);
			}
			if (this.cancelled) {
				throw new StopReading(null);
			}
			// records read before a failure are valid: they are committed, then the job
			// stops
			if (this.current.end != null) {
				try {
					handBatch(this.current);
				}
				catch (StopReading ex) {
					throw ex;
				}
				catch (RuntimeException ex) {
					last = failure(ex, "the last records could not be prepared");
				}
			}
			return last;
		}

		/**
		 * Bad data becomes the upload's error (the job ends {@code error}); a database
		 * that failed on its own is retried by the job engine.
		 */
		private RuntimeException failure(RuntimeException ex, String what) {
			if (ex instanceof ImportFailedException failed) {
				return failed;
			}
			if (ex instanceof CatalogFailure catalogFailure) {
				SQLException cause = (SQLException) catalogFailure.getCause();
				if (!RefusedData.isCausedBy(cause)) {
					return new IllegalStateException("import job: catalog update failed", cause);
				}
				return new ImportFailedException(
						this.job.originalFilename() + ": the database refused the tracks of records read so far ("
								+ PrintableText.abbreviate(String.valueOf(cause.getMessage()), 300) + ")",
						cause);
			}
			return new ImportFailedException(
					this.job.originalFilename() + ": " + what + " (" + ex.getClass().getSimpleName() + ": "
							+ PrintableText.abbreviate(String.valueOf(ex.getMessage()), 300) + ")",
					ex);
		}

		private void handBatch(ImportBatch batch) {
			try {
				if (batch.musicRecords() > 0) {
					this.catalog.resolve(batch.music);
				}
			}
			catch (SQLException ex) {
				throw new CatalogFailure(ex);
			}
			batch.encode(this.catalog, this.keepExtras);
			hand(batch);
		}

		@Override
		public void music(ExportRecord record, ExportFormat format) {
			countRecord(format);
			this.current.add(record);
		}

		@Override
		public void skipped(ExportFormat format, SkipReason reason) {
			countRecord(format);
			this.current.skip(reason);
		}

		private void countRecord(ExportFormat format) {
			if (this.recordsSeen >= this.maxRecords) {
				throw new StopReading(new ImportFailedException(this.job.originalFilename()
						+ ": more than IMPORT_MAX_RECORDS=" + this.maxRecords + " records; import stopped there"));
			}
			this.recordsSeen++;
			this.current.records++;
			this.current.formats = ExportFormat.combine(this.current.formats, format);
		}

		@Override
		public void afterRecord(ResumePosition next, long bytesProcessed) {
			this.current.end = next;
			this.current.bytesProcessed = bytesProcessed;
			if (this.current.musicRecords() >= this.batchSize || this.current.records >= 4L * this.batchSize) {
				handBatch(this.current);
				this.current = new ImportBatch(this.batchSize);
			}
		}

		private void hand(Object item) {
			try {
				this.queue.put(item);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.cancelled = true;
				throw new StopReading(null);
			}
		}

	}

	/** A database failure while resolving tracks: not the upload's fault. */
	private static final class CatalogFailure extends RuntimeException {

		CatalogFailure(SQLException cause) {
			super(cause);
		}

	}

	/** Unwinds the reader from inside a callback without being taken for bad input. */
	private static final class StopReading extends RuntimeException {

		final ImportFailedException failure;

		StopReading(ImportFailedException failure) {
			super(null, null, false, false);
			this.failure = failure;
		}

	}

}
