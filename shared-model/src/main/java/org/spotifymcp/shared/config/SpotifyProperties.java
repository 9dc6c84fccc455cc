package org.spotifymcp.shared.config;

import java.util.List;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Spotify (or the emulator): {@code SPOTIFY_*} variables.
 *
 * @param clientId the app's client id
 * @param clientSecret the app's client secret
 * @param redirectUri the OAuth callback; Spotify refuses {@code localhost}, use 127.0.0.1
 * @param accountsBaseUrl base of {@code /authorize} and {@code /api/token}
 * @param apiBaseUrl base of the {@code /v1/...} Web API
 * @param scopes space-separated OAuth scopes
 * @param allowedUserIds Spotify user ids allowed to connect; empty allows everyone
 * @param demo {@code SPOTIFY_DEMO}: the services talk to the Spotify emulator and say so
 * on their pages
 */
@Validated
@ConfigurationProperties("app.spotify")
public record SpotifyProperties(String clientId, String clientSecret, @NotBlank String redirectUri,
		@NotBlank String accountsBaseUrl, @NotBlank String apiBaseUrl, @NotBlank String scopes,
		List<String> allowedUserIds, boolean demo) {

	public SpotifyProperties {
		allowedUserIds = (allowedUserIds == null) ? List.of()
				: allowedUserIds.stream().map(String::trim).filter((id) -> !id.isEmpty()).toList();
	}

	/** Whether the services run against the emulator (demo banner on pages). */
	public boolean isDemo() {
		return this.demo;
	}

	/** Whether {@code redirectUri} uses {@code localhost}, which Spotify refuses. */
	public boolean redirectUriUsesLocalhost() {
		try {
			return "localhost".equalsIgnoreCase(java.net.URI.create(this.redirectUri).getHost());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
