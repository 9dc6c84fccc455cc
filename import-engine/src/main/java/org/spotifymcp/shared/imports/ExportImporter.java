package org.spotifymcp.shared.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.config.ImportProperties;
import org.spotifymcp.shared.logs.LogEvents;

/**
 * Runs one import job from its last committed position to the end. A
 * {@link BatchProducer} thread parses (Jackson streaming over the ZIP) while the calling
 * thread resolves the previous batch's tracks in the catalog ({@link TrackCatalog}, on a
 * connection of its own), encodes its rows and loads them ({@link BatchLoader}): the
 * parser keeps one core busy, the database the other. {@link ImportJobs} keeps the job's
 * row. Rollups are refreshed once for the job's range when it ends. Each batch commits
 * with the job's counters and resume position; if the process dies, running the job again
 * continues after the last committed batch and ends with exactly the rows of an
 * uninterrupted run.
 */
public class ExportImporter {

	private static final Logger logger = LoggerFactory.getLogger(ExportImporter.class);

	private final DataSource dataSource;

	private final ImportProperties properties;

	private final ImportEngineProperties engine;

	private final Clock clock;

	private final ImportJobs jobs;

	public ExportImporter(DataSource dataSource, ImportProperties properties, ImportEngineProperties engine,
			Clock clock, String instanceName) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.engine = engine;
		this.clock = clock;
		this.jobs = new ImportJobs(dataSource, instanceName);
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
		ImportJobs.Job job = this.jobs.claim(jobId);
		if (job == null) {
			return Optional.empty();
		}
		if (!job.inProgress()) {
			return Optional.of(ImportStatus.ofCode(job.status()));
		}
		try {
			importFile(jobId, job, observer);
			this.jobs.succeed(jobId);
			logger.info(LogEvents.PERSIST, "import job {} of user {} finished", jobId, job.userId());
			this.jobs.deleteUpload(job);
			return Optional.of(ImportStatus.SUCCESS);
		}
		catch (ImportFailedException ex) {
			this.jobs.fail(jobId, ex.getMessage());
			logger.warn("import job {} of user {} failed: {}", jobId, job.userId(), ex.getMessage());
			this.jobs.deleteUpload(job);
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
		return this.jobs.abandon(jobId, reason);
	}

	private void importFile(long jobId, ImportJobs.Job claimed, BatchObserver observer) {
		Path file = Path.of(claimed.storedPath());
		try (ExportReader reader = ExportReader.open(file, claimed.originalFilename(), this.engine,
				this.properties.keepExtraFields(), this.clock);
				Connection connection = this.dataSource.getConnection();
				TrackCatalog catalog = new TrackCatalog(this.dataSource.getConnection())) {
			ImportJobs.Job job = ImportJobs.announceFormat(connection, jobId, claimed, reader.announcedFormat());
			BatchLoader loader = new BatchLoader(connection, jobId, job.userId(), this.properties.keepExtraFields(),
					this.properties.crossSourceToleranceSeconds());
			long fileSize = Files.size(file);
			BatchProducer producer = new BatchProducer(reader, job, this.engine.batchSize(),
					this.properties.maxRecords());
			Thread thread = new Thread(producer, "import-parser-" + jobId);
			thread.setDaemon(true);
			thread.start();
			try {
				consume(producer, thread, catalog, loader, job, fileSize, observer);
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

	private void consume(BatchProducer producer, Thread thread, TrackCatalog catalog, BatchLoader loader,
			ImportJobs.Job job, long fileSize, BatchObserver observer) throws SQLException {
		String formats = job.formatDetected();
		long processed = job.recordsProcessed();
		while (true) {
			Object item = take(producer.queue, thread);
			if (item instanceof ImportBatch batch) {
				formats = ExportFormat.combine(formats, batch.formats);
				processed += batch.records;
				Long estimate = (batch.bytesProcessed > 0)
						? Math.max(processed, (long) (processed * (double) fileSize / batch.bytesProcessed)) : null;
				if (batch.musicRecords() > 0) {
					catalog.resolve(batch.music);
				}
				batch.encode(catalog, this.properties.keepExtraFields(), job.userId());
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

	/** Told about every committed batch. */
	@FunctionalInterface
	public interface BatchObserver {

		BatchObserver NONE = (music, inserted, position) -> {
		};

		void committed(int musicRecords, long inserted, ResumePosition position);

	}

}
