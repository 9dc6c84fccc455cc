package org.spotifymcp.shared.imports;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams the music records of an export (a ZIP of Spotify's "Download your data" or a
 * bare {@code .json} history file) with Jackson's streaming parser, entry by entry, so
 * memory stays flat whatever the archive size. {@link ExportArchive} checks the archive,
 * {@link RecordParser} each record; this class walks the records arrays and says where
 * reading stands. Every problem becomes an {@link ImportFailedException} naming the file
 * and the record index.
 */
public final class ExportReader implements Closeable {

	private static final JsonFactory JSON = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxStringLength(64 * 1024)
			.maxNameLength(1024)
			.maxNestingDepth(16)
			.maxNumberLength(32)
			.build())
		.build();

	private final ExportArchive archive;

	private final RecordParser records;

	private ExportReader(ExportArchive archive, RecordParser records) {
		this.archive = archive;
		this.records = records;
	}

	/**
	 * Opens an export and checks its table of contents before any record is read.
	 * @param file the stored upload
	 * @param displayName the name the user gave it, for messages
	 * @param limits zip bomb limits
	 * @param keepExtras whether optional fields are read into records
	 * @param clock decides which timestamps lie in the future
	 * @return a reader; the caller closes it
	 */
	public static ExportReader open(Path file, String displayName, ImportEngineProperties limits, boolean keepExtras,
			Clock clock) {
		return new ExportReader(ExportArchive.open(file, displayName, limits), new RecordParser(keepExtras, clock));
	}

	/**
	 * The format the history files' names announce, known before any record is read; null
	 * when a name says nothing (a bare upload under a name of its own).
	 */
	public String announcedFormat() {
		return this.archive.announcedFormat();
	}

	/**
	 * Reads every music record from a position on, in archive order.
	 * @param from where the last committed batch ended
	 * @param sink receives records and positions
	 */
	public void read(ResumePosition from, RecordSink sink) {
		for (ExportArchive.Entry entry : this.archive.entries()) {
			if (entry.index() >= from.entryIndex()) {
				long skip = (entry.index() == from.entryIndex()) ? from.recordIndex() : 0;
				readEntry(entry, skip, sink);
			}
		}
	}

	private void readEntry(ExportArchive.Entry entry, long skip, RecordSink sink) {
		String where = this.archive.where(entry);
		long recordIndex = 0;
		try (ExportArchive.EntryStream in = this.archive.open(entry);
				JsonParser parser = JSON.createParser(ObjectReadContext.empty(), new StrictUtf8InputStream(in))) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new ImportFailedException(where + ": the file is empty (expected a JSON array of records)");
			}
			if (first != JsonToken.START_ARRAY) {
				throw new ImportFailedException(where + ": expected a JSON array of records but found " + first);
			}
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token == null) {
					throw new ImportFailedException(where + ": record " + recordIndex
							+ ": the file ends in the middle of the array (truncated JSON)");
				}
				if (token != JsonToken.START_OBJECT) {
					throw new ImportFailedException(
							where + ": record " + recordIndex + ": expected an object, found " + token);
				}
				if (recordIndex < skip) {
					parser.skipChildren();
				}
				else {
					this.records.parse(parser, where, recordIndex, sink);
					sink.afterRecord(new ResumePosition(entry.index(), recordIndex + 1), in.uploadBytesRead());
				}
				recordIndex++;
			}
			if (parser.nextToken() != null) {
				throw new ImportFailedException(where + ": unexpected content after the records array");
			}
		}
		catch (ImportFailedException ex) {
			throw ex;
		}
		catch (StrictUtf8InputStream.MalformedUtf8Exception ex) {
			throw new ImportFailedException(where + ": record " + recordIndex + ": invalid JSON (malformed UTF-8: "
					+ ex.getMessage() + ", at byte " + ex.offset() + " of the file); save the file as UTF-8", ex);
		}
		catch (JacksonException ex) {
			throw new ImportFailedException(where + ": record " + recordIndex + ": invalid JSON ("
					+ PrintableText.abbreviate(ex.getOriginalMessage(), 300) + ")", ex);
		}
		catch (IOException | java.io.UncheckedIOException | IllegalArgumentException ex) {
			// inflater and stream failures: truncated or corrupt entries
			throw new ImportFailedException(
					where + ": record " + recordIndex + ": unreadable data (" + ex.getClass().getSimpleName() + ": "
							+ PrintableText.abbreviate(String.valueOf(ex.getMessage()), 300) + ")",
					ex);
		}
	}

	@Override
	public void close() {
		this.archive.close();
	}

	/** Receives what {@link #read} finds, in order. */
	public interface RecordSink {

		void music(ExportRecord record, ExportFormat format);

		void skipped(ExportFormat format, SkipReason reason);

		/**
		 * Called after every record.
		 * @param next where reading would resume after this record
		 * @param bytesProcessed compressed bytes of the upload consumed so far
		 */
		void afterRecord(ResumePosition next, long bytesProcessed);

	}

}
