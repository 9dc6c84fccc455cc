package org.spotifymcp.shared.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person whose listening history is kept. May exist without a Spotify link
 * (import-only).
 */
@Entity
@Table(name = "users")
public class User {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Integer id;

	@Column(name = "spotify_user_id", unique = true)
	private String spotifyUserId;

	@Column(name = "display_name")
	private String displayName;

	@Column(name = "time_zone", nullable = false)
	private String timeZone = "UTC";

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt = Instant.now();

	protected User() {
	}

	public User(String spotifyUserId, String displayName, String timeZone) {
		this.spotifyUserId = spotifyUserId;
		this.displayName = displayName;
		this.timeZone = (timeZone != null) ? timeZone : "UTC";
	}

	public Integer getId() {
		return this.id;
	}

	public String getSpotifyUserId() {
		return this.spotifyUserId;
	}

	public void linkSpotify(String spotifyUserId) {
		this.spotifyUserId = spotifyUserId;
		touch();
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public void rename(String displayName) {
		this.displayName = displayName;
		touch();
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public void moveToTimeZone(String timeZone) {
		this.timeZone = timeZone;
		touch();
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	private void touch() {
		this.updatedAt = Instant.now();
	}

}
