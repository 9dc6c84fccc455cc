package org.spotifymcp.shared.imports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One transaction's worth of export records, already encoded as PostgreSQL COPY text rows
 * for the staging table, with the counters and the resume position that are committed
 * together with them.
 */
final class ImportBatch {

	private final StringBuilder rows = new StringBuilder(1 << 20);

	private final boolean keepExtras;

	int musicRecords;

	long records;

	long skipped;

	Instant earliest;

	Instant latest;

	String formats;

	ResumePosition end;

	long bytesProcessed;

	ImportBatch(boolean keepExtras) {
		this.keepExtras = keepExtras;
	}

	void add(ExportRecord record) {
		StringBuilder row = this.rows;
		row.append(record.playedAt().toString()).append('\t');
		appendNumber(record.msPlayed());
		row.append('\t').append(record.source().code()).append('\t');
		appendText(record.trackKey());
		row.append('\t');
		appendText(record.trackName());
		row.append('\t');
		appendText(record.artistKey());
		row.append('\t');
		appendText(record.artistName());
		row.append('\t');
		appendText(record.albumKey());
		row.append('\t');
		appendText(record.albumName());
		if (this.keepExtras) {
			ExportRecord.Extras extras = record.extras();
			row.append('\t');
			appendText(extras.reasonStart());
			row.append('\t');
			appendText(extras.reasonEnd());
			row.append('\t');
			appendBoolean(extras.shuffle());
			row.append('\t');
			appendBoolean(extras.skipped());
			row.append('\t');
			appendBoolean(extras.offline());
			row.append('\t');
			appendText(extras.platform());
			row.append('\t');
			appendText(extras.connCountry());
		}
		row.append('\n');
		this.musicRecords++;
		Instant playedAt = record.playedAt();
		if (this.earliest == null || playedAt.isBefore(this.earliest)) {
			this.earliest = playedAt;
		}
		if (this.latest == null || playedAt.isAfter(this.latest)) {
			this.latest = playedAt;
		}
	}

	byte[] copyData() {
		return this.rows.toString().getBytes(StandardCharsets.UTF_8);
	}

	private void appendNumber(Integer value) {
		if (value == null) {
			this.rows.append("\\N");
		}
		else {
			this.rows.append(value.intValue());
		}
	}

	private void appendBoolean(Boolean value) {
		if (value == null) {
			this.rows.append("\\N");
		}
		else {
			this.rows.append(value ? 't' : 'f');
		}
	}

	/** COPY text format: backslash escapes for the delimiter, line breaks and itself. */
	private void appendText(String value) {
		if (value == null) {
			this.rows.append("\\N");
			return;
		}
		StringBuilder row = this.rows;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> row.append("\\\\");
				case '\t' -> row.append("\\t");
				case '\n' -> row.append("\\n");
				case '\r' -> row.append("\\r");
				case '\0' -> {
					// PostgreSQL text cannot hold NUL; dropping it keeps the rest of the
					// name
				}
				default -> row.append(c);
			}
		}
	}

}
