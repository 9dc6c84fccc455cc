package org.spotifymcp.shared.mcptokens;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A per-user MCP token. Only its SHA-256 hash is stored; the secret is shown once at
 * creation.
 */
@Entity
@Table(name = "mcp_tokens")
public class McpToken {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false)
	private Integer userId;

	@Column(name = "name", nullable = false)
	private String name;

	@Column(name = "token_hash", nullable = false, unique = true)
	private String tokenHash;

	@Column(name = "token_prefix", nullable = false)
	private String tokenPrefix;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@Column(name = "last_used_at")
	private Instant lastUsedAt;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	protected McpToken() {
	}

	public McpToken(Integer userId, String name, String tokenHash, String tokenPrefix) {
		this.userId = userId;
		this.name = name;
		this.tokenHash = tokenHash;
		this.tokenPrefix = tokenPrefix;
	}

	public void markUsed(Instant when) {
		this.lastUsedAt = when;
	}

	public void revoke() {
		this.revokedAt = Instant.now();
	}

	public boolean isActive() {
		return this.revokedAt == null;
	}

	public Long getId() {
		return this.id;
	}

	public Integer getUserId() {
		return this.userId;
	}

	public String getName() {
		return this.name;
	}

	public String getTokenHash() {
		return this.tokenHash;
	}

	public String getTokenPrefix() {
		return this.tokenPrefix;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	public Instant getRevokedAt() {
		return this.revokedAt;
	}

}
