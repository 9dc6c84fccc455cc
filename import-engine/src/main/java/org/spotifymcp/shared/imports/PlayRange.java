package org.spotifymcp.shared.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The time span in which a user has plays of some kind, widened by the cross-source
 * tolerance; an import asks it whether a batch could meet such plays at all before paying
 * for a probe per record. It grows as the import adds plays of that kind.
 */
final class PlayRange {

	private final int toleranceSeconds;

	private Instant earliest;

	private Instant latest;

	private PlayRange(Instant earliest, Instant latest, int toleranceSeconds) {
		this.earliest = earliest;
		this.latest = latest;
		this.toleranceSeconds = toleranceSeconds;
	}

	/** Reads a range from two timestamp columns (min, max), either null when empty. */
	static PlayRange of(ResultSet row, int column, int toleranceSeconds) throws SQLException {
		Timestamp earliest = row.getTimestamp(column);
		Timestamp latest = row.getTimestamp(column + 1);
		return new PlayRange((earliest != null) ? earliest.toInstant() : null,
				(latest != null) ? latest.toInstant() : null, toleranceSeconds);
	}

	boolean overlaps(ImportBatch batch) {
		if (this.earliest == null || batch.earliest == null) {
			return false;
		}
		return !batch.earliest.isAfter(this.latest.plusSeconds(this.toleranceSeconds))
				&& !batch.latest.isBefore(this.earliest.minusSeconds(this.toleranceSeconds));
	}

	/** Widens the range by a batch whose plays of this kind are going in. */
	void include(ImportBatch batch) {
		if (batch.earliest == null) {
			return;
		}
		if (this.earliest == null || batch.earliest.isBefore(this.earliest)) {
			this.earliest = batch.earliest;
		}
		if (this.latest == null || batch.latest.isAfter(this.latest)) {
			this.latest = batch.latest;
		}
	}

}
