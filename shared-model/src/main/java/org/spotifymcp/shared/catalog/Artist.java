package org.spotifymcp.shared.catalog;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An artist, keyed by Spotify id (or a {@code local:} id for export records without one).
 */
@Entity
@Table(name = "artists")
public class Artist {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Integer id;

	@Column(name = "spotify_id", nullable = false, unique = true)
	private String spotifyId;

	@Column(name = "name", nullable = false)
	private String name;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(name = "genres")
	private String[] genres;

	@Column(name = "image_url")
	private String imageUrl;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	protected Artist() {
	}

	public Artist(String spotifyId, String name) {
		this.spotifyId = spotifyId;
		this.name = name;
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

	public String[] getGenres() {
		return this.genres;
	}

	public String getImageUrl() {
		return this.imageUrl;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
