package org.spotifymcp.shared.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.spotifymcp.shared.plays.PlaySource;

/**
 * One transaction's worth of export records with the counters and the resume position
 * that are committed together with them.
 */
final class ImportBatch {

	final List<ExportRecord> music;

	private int musicCount;

	long records;

	long skippedEpisodes;

	long skippedNoTrack;

	/** Music records from account data: names only, matched to known tracks by name. */
	int accountRecords;

	Instant earliest;

	Instant latest;

	String formats;

	ResumePosition end;

	long bytesProcessed;

	/**
	 * The music records as COPY rows for the play staging table, encoded on the parsing
	 * thread.
	 */
	byte[] stagedPlays;

	ImportBatch(int capacity) {
		this.music = new ArrayList<>(capacity);
	}

	void add(ExportRecord record) {
		this.music.add(record);
		if (record.source() == PlaySource.ACCOUNT_EXPORT) {
			this.accountRecords++;
		}
		Instant playedAt = record.playedAt();
		if (this.earliest == null || playedAt.isBefore(this.earliest)) {
			this.earliest = playedAt;
		}
		if (this.latest == null || playedAt.isAfter(this.latest)) {
			this.latest = playedAt;
		}
	}

	void skip(SkipReason reason) {
		if (reason == SkipReason.EPISODE) {
			this.skippedEpisodes++;
		}
		else {
			this.skippedNoTrack++;
		}
	}

	int musicRecords() {
		return (this.stagedPlays != null) ? this.musicCount : this.music.size();
	}

	/**
	 * Encodes the records as rows of {@code import_play_stage} (columns
	 * {@link BatchLoader#stagedColumns}) in the order of the plays' key, and lets go of
	 * the records. Of records equal in time, track and source only the first in the file
	 * is kept: the database would refuse all but one of them anyway, and rows without
	 * duplicates can be copied straight into {@code plays}.
	 */
	void encode(TrackCatalog catalog, boolean keepExtras, int userId) {
		List<Row> sorted = new ArrayList<>(this.music.size());
		for (ExportRecord record : this.music) {
			sorted.add(new Row(record, catalog.idOf(record.trackKey())));
		}
		// stable: equal keys keep the file's order
		sorted.sort(Row.KEY_ORDER);
		CopyRows rows = new CopyRows(this.music.size() * (keepExtras ? 100 : 52));
		Row previous = null;
		for (Row row : sorted) {
			if (previous != null && Row.KEY_ORDER.compare(previous, row) == 0) {
				continue;
			}
			previous = row;
			ExportRecord record = row.record();
			rows.number(userId)
				.raw(record.playedAt().toString())
				.number(row.trackId())
				.number(record.msPlayed())
				.number(record.source().code());
			if (keepExtras) {
				ExportRecord.Extras extras = record.extras();
				rows.text(extras.reasonStart())
					.text(extras.reasonEnd())
					.bool(extras.shuffle())
					.bool(extras.skipped())
					.bool(extras.offline())
					.text(extras.platform())
					.text(extras.connCountry());
			}
			rows.endRow();
		}
		this.stagedPlays = rows.bytes();
		this.musicCount = this.music.size();
		this.music.clear();
	}

	private record Row(ExportRecord record, int trackId) {

		static final Comparator<Row> KEY_ORDER = Comparator.comparing((Row row) -> row.record().playedAt())
			.thenComparingInt(Row::trackId)
			.thenComparingInt((row) -> row.record().source().code());

	}

}
