package org.spotifymcp.shared.plays;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * One listen. Identified by (user, played_at, track): the same listen seen twice is one
 * row. Bulk paths (imports, polling) write plays with SQL; the entity serves reads and
 * tests.
 */
@Entity
@Table(name = "plays")
public class Play {

	@EmbeddedId
	private PlayId id;

	@Column(name = "ms_played")
	private Integer msPlayed;

	@Column(name = "source", nullable = false)
	@Convert(converter = PlaySourceConverter.class)
	private PlaySource source;

	protected Play() {
	}

	public Play(int userId, Instant playedAt, int trackId, Integer msPlayed, PlaySource source) {
		this.id = new PlayId(userId, playedAt, trackId);
		this.msPlayed = msPlayed;
		this.source = source;
	}

	public PlayId getId() {
		return this.id;
	}

	public Integer getMsPlayed() {
		return this.msPlayed;
	}

	public PlaySource getSource() {
		return this.source;
	}

}
