package org.spotifymcp.shared.mcptokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks per-user MCP tokens. The secret is random, shown once, and only its
 * SHA-256 is stored, so a database leak does not leak usable tokens.
 */
public class McpTokenService {

	/** Lets people and secret scanners recognise the token kind. */
	static final String PREFIX = "smcp_";

	private static final int SECRET_BYTES = 32;

	private final McpTokenRepository tokens;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public McpTokenService(McpTokenRepository tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * Creates a token for a user.
	 * @param userId the user whose data the token may read
	 * @param name a label for people
	 * @return the stored token and its secret; the secret cannot be recovered later
	 */
	@Transactional
	public IssuedMcpToken issue(int userId, String name) {
		byte[] raw = new byte[SECRET_BYTES];
		this.random.nextBytes(raw);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
		McpToken token = this.tokens.save(new McpToken(userId, name, hash(secret), secret.substring(0, 12)));
		return new IssuedMcpToken(token, secret);
	}

	/**
	 * Finds the active token for a presented secret and records its use.
	 * @param secret what the client sent
	 * @return the token, or empty when unknown or revoked
	 */
	@Transactional
	public Optional<McpToken> authenticate(String secret) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		Optional<McpToken> token = this.tokens.findByTokenHash(hash(secret)).filter(McpToken::isActive);
		token.ifPresent((found) -> found.markUsed(this.clock.instant()));
		return token;
	}

	public List<McpToken> listFor(int userId) {
		return this.tokens.findByUserIdOrderByCreatedAtDesc(userId);
	}

	/**
	 * Revokes a token.
	 * @param tokenId the token's id
	 * @return whether an active token was revoked
	 */
	@Transactional
	public boolean revoke(long tokenId) {
		return this.tokens.findById(tokenId).filter(McpToken::isActive).map((token) -> {
			token.revoke();
			return true;
		}).orElse(false);
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A freshly issued token.
	 *
	 * @param token the stored token (hash and prefix only)
	 * @param secret the secret to hand to the person, once
	 */
	public record IssuedMcpToken(McpToken token, String secret) {

	}

}
