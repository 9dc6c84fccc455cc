package org.spotifymcp.shared.imports;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the records of an upload into batches on its own thread, so parsing overlaps the
 * loader's database work. Hands over at most two batches ahead, so memory stays bounded;
 * ends with a failure or an end marker.
 */
final class BatchProducer implements Runnable, ExportReader.RecordSink {

	private static final Object END = new Object();

	final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);

	volatile boolean cancelled;

	private final ExportReader reader;

	private final ImportJobs.Job job;

	private final int batchSize;

	private final long maxRecords;

	private long recordsSeen;

	private ImportBatch current;

	BatchProducer(ExportReader reader, ImportJobs.Job job, int batchSize, long maxRecords) {
		this.reader = reader;
		this.job = job;
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
			hand(this.current);
		}
		return last;
	}

	/**
	 * Anything thrown while reading is the upload's error: the job ends {@code error}.
	 */
	private RuntimeException failure(RuntimeException ex, String what) {
		if (ex instanceof ImportFailedException failed) {
			return failed;
		}
		return new ImportFailedException(
				this.job.originalFilename() + ": " + what + " (" + ex.getClass().getSimpleName() + ": "
						+ PrintableText.abbreviate(String.valueOf(ex.getMessage()), 300) + ")",
				ex);
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
			hand(this.current);
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

	/** Unwinds the reader from inside a callback without being taken for bad input. */
	private static final class StopReading extends RuntimeException {

		final ImportFailedException failure;

		StopReading(ImportFailedException failure) {
			super(null, null, false, false);
			this.failure = failure;
		}

	}

}
