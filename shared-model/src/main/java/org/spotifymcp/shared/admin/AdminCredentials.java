package org.spotifymcp.shared.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.spotifymcp.shared.config.AdminProperties;

/**
 * Checks what someone presents against {@code ADMIN_TOKEN} or
 * {@code ADMIN_USERNAME}/{@code ADMIN_PASSWORD}. Digests are compared in constant time so
 * neither content nor length leaks through timing; empty configured secrets never match.
 */
public final class AdminCredentials {

	private AdminCredentials() {
	}

	/**
	 * Whether the presented credentials are the admin's in the given mode.
	 * @param admin the configured credentials
	 * @param mode token or basic
	 * @param username the user name presented (ignored in token mode)
	 * @param secret the token or password presented
	 * @return true when they match
	 */
	public static boolean matches(AdminProperties admin, AdminProperties.AuthMode mode, String username,
			String secret) {
		if (mode == AdminProperties.AuthMode.BASIC) {
			// both compared every time: no early exit that would tell a right name from a
			// wrong one
			return constantTimeEquals(username, admin.username()) & constantTimeEquals(secret, admin.password());
		}
		return constantTimeEquals(secret, admin.token());
	}

	/**
	 * Compares digests so neither content nor length leaks through timing.
	 * @param presented what was sent
	 * @param expected the configured secret; null or empty never matches
	 * @return whether they are equal
	 */
	public static boolean constantTimeEquals(String presented, String expected) {
		if (expected == null || expected.isEmpty() || presented == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256(presented), sha256(expected));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
