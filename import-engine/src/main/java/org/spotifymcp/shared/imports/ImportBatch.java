package org.spotifymcp.shared.imports;

import java.time.Instant;
import java.util.ArrayList;
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
	 * {@link BatchLoader#stagedColumns}) and lets go of the records.
	 */
	void encode(TrackCatalog catalog, boolean keepExtras) {
		CopyRows rows = new CopyRows(this.music.size() * (keepExtras ? 100 : 48));
		for (ExportRecord record : this.music) {
			rows.raw(record.playedAt().toString())
				.number(catalog.idOf(record.trackKey()))
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

}
