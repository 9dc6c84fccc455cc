package org.spotifymcp.shared.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One transaction's worth of export records with the counters and the resume position
 * that are committed together with them.
 */
final class ImportBatch {

	final List<ExportRecord> music;

	long records;

	long skipped;

	Instant earliest;

	Instant latest;

	String formats;

	ResumePosition end;

	long bytesProcessed;

	ImportBatch(int capacity) {
		this.music = new ArrayList<>(capacity);
	}

	void add(ExportRecord record) {
		this.music.add(record);
		Instant playedAt = record.playedAt();
		if (this.earliest == null || playedAt.isBefore(this.earliest)) {
			this.earliest = playedAt;
		}
		if (this.latest == null || playedAt.isAfter(this.latest)) {
			this.latest = playedAt;
		}
	}

	int musicRecords() {
		return this.music.size();
	}

}
