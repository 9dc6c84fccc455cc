package org.spotifymcp.shared.config;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Admin credentials: {@code ADMIN_AUTH_MODE}, {@code ADMIN_TOKEN},
 * {@code ADMIN_USERNAME}, {@code ADMIN_PASSWORD}.
 *
 * @param authMode how admins prove who they are
 * @param token the bearer token for {@code token} mode
 * @param username the user name for {@code basic} mode
 * @param password the password for {@code basic} mode
 */
@Validated
@ConfigurationProperties("app.admin")
public record AdminProperties(@NotNull AuthMode authMode, String token, String username, String password) {

	/** The ways an admin can authenticate. */
	public enum AuthMode {

		TOKEN, BASIC

	}

}
