package org.spotifymcp.shared.imports;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Turns the records of an upload into batches ready to load, on its own thread: parses
 * them, resolves the batch's tracks in the catalog (on its own connection) and encodes
 * the rows. Hands over at most two batches ahead, so memory stays bounded; ends with a
 * failure or an end marker.
 */
final class BatchProducer implements Runnable, ExportReader.RecordSink {

	private static final Object END = new Object();

	final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);

	volatile boolean cancelled;

	private final ExportReader reader;

	private final TrackCatalog catalog;

	private final ImportJobs.Job job;

	private final boolean keepExtras;

	private final int batchSize;

	private final long maxRecords;

	private long recordsSeen;

	private ImportBatch current;

	BatchProducer(ExportReader reader, TrackCatalog catalog, ImportJobs.Job job, boolean keepExtras, int batchSize,
			long maxRecords) {
		this.reader = reader;
		this.catalog = catalog;
		this.job = job;
		this.keepExtras = keepExtras;
		this.batchSize = batchSize;
		this.maxRecords = maxRecords;
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
	 * Bad data becomes the upload's error (the job ends {@code error}); a database that
	 * failed on its own is retried by the job engine.
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
		batch.encode(this.catalog, this.keepExtras, this.job.userId());
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
