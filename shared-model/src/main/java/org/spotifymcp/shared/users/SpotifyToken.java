package org.spotifymcp.shared.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user's Spotify tokens, both stored encrypted with the token cipher; never logged or
 * returned.
 */
@Entity
@Table(name = "spotify_tokens")
public class SpotifyToken {

	/** Whether Spotify still honours the refresh token. */
	public enum Status {

		VALID, REVOKED

	}

	@Id
	@Column(name = "user_id")
	private Integer userId;

	@Column(name = "refresh_token_encrypted", nullable = false)
	private String refreshTokenEncrypted;

	@Column(name = "access_token_encrypted")
	private String accessTokenEncrypted;

	@Column(name = "access_token_expires_at")
	private Instant accessTokenExpiresAt;

	@Column(name = "scope")
	private String scope;

	@Column(name = "status", nullable = false)
	@jakarta.persistence.Convert(converter = SpotifyTokenStatusConverter.class)
	private Status status = Status.VALID;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt = Instant.now();

	protected SpotifyToken() {
	}

	public SpotifyToken(Integer userId) {
		this.userId = userId;
	}

	public void store(String refreshTokenEncrypted, String accessTokenEncrypted, Instant accessTokenExpiresAt,
			String scope) {
		this.refreshTokenEncrypted = refreshTokenEncrypted;
		this.accessTokenEncrypted = accessTokenEncrypted;
		this.accessTokenExpiresAt = accessTokenExpiresAt;
		this.scope = scope;
		this.status = Status.VALID;
		this.updatedAt = Instant.now();
	}

	public void revoke() {
		this.status = Status.REVOKED;
		this.accessTokenEncrypted = null;
		this.updatedAt = Instant.now();
	}

	public Integer getUserId() {
		return this.userId;
	}

	public String getRefreshTokenEncrypted() {
		return this.refreshTokenEncrypted;
	}

	public String getAccessTokenEncrypted() {
		return this.accessTokenEncrypted;
	}

	public Instant getAccessTokenExpiresAt() {
		return this.accessTokenExpiresAt;
	}

	public String getScope() {
		return this.scope;
	}

	public Status getStatus() {
		return this.status;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
