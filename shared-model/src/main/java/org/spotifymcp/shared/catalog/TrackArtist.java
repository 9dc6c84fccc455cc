package org.spotifymcp.shared.catalog;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * The credited artists of a track, in Spotify's order (position 0 is the main artist).
 */
@Entity
@Table(name = "track_artists")
@IdClass(TrackArtist.Key.class)
public class TrackArtist {

	@Id
	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "track_id")
	private Track track;

	@Id
	@Column(name = "position")
	private short position;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "artist_id", nullable = false)
	private Artist artist;

	protected TrackArtist() {
	}

	public TrackArtist(Track track, short position, Artist artist) {
		this.track = track;
		this.position = position;
		this.artist = artist;
	}

	public Track getTrack() {
		return this.track;
	}

	public short getPosition() {
		return this.position;
	}

	public Artist getArtist() {
		return this.artist;
	}

	/**
	 * The composite key.
	 *
	 * @param track the track id
	 * @param position the credit position
	 */
	public record Key(Integer track, short position) implements Serializable {

		public Key() {
			this(null, (short) 0);
		}

	}

}
