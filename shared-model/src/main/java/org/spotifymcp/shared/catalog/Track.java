package org.spotifymcp.shared.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/**
 * A track. Popularity and explicitness are optional: Spotify no longer returns them to
 * every app.
 */
@Entity
@Table(name = "tracks")
public class Track {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Integer id;

	@Column(name = "spotify_id", nullable = false, unique = true)
	private String spotifyId;

	@Column(name = "name", nullable = false)
	private String name;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "album_id")
	private Album album;

	@Column(name = "duration_ms")
	private Integer durationMs;

	@Column(name = "explicit")
	private Boolean explicit;

	@Column(name = "popularity")
	private Short popularity;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@OneToMany(mappedBy = "track", fetch = FetchType.LAZY)
	@OrderBy("position")
	private List<TrackArtist> artists = new ArrayList<>();

	protected Track() {
	}

	public Track(String spotifyId, String name, Album album, Integer durationMs) {
		this.spotifyId = spotifyId;
		this.name = name;
		this.album = album;
		this.durationMs = durationMs;
	}

	public Integer getId() {
		return this.id;
	}

	public String getSpotifyId() {
		return this.spotifyId;
	}

	public String getName() {
		return this.name;
	}

	public Album getAlbum() {
		return this.album;
	}

	public Integer getDurationMs() {
		return this.durationMs;
	}

	public Boolean getExplicit() {
		return this.explicit;
	}

	public Short getPopularity() {
		return this.popularity;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public List<TrackArtist> getArtists() {
		return this.artists;
	}

}
