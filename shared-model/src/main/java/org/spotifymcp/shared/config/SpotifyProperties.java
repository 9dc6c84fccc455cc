package org.spotifymcp.shared.config;

import java.util.List;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Spotify (or the emulator): {@code SPOTIFY_*} variables.
 *
 * @param clientId the app's client id; empty means demo mode against the emulator
 * @param clientSecret the app's client secret
 * @param redirectUri the OAuth callback; Spotify refuses {@code localhost}, use 127.0.0.1
 * @param accountsBaseUrl base of {@code /authorize} and {@code /api/token}
 * @param apiBaseUrl base of the {@code /v1/...} Web API
 * @param scopes space-separated OAuth scopes
 * @param allowedUserIds Spotify user ids allowed to connect; empty allows everyone
 */
@Validated
@ConfigurationProperties("app.spotify")
public record SpotifyProperties(String clientId, String clientSecret, @NotBlank String redirectUri,
		@NotBlank String accountsBaseUrl, @NotBlank String apiBaseUrl, @NotBlank String scopes,
		List<String> allowedUserIds) {

	public SpotifyProperties {
		allowedUserIds = (allowedUserIds == null) ? List.of()
				: allowedUserIds.stream().map(String::trim).filter((id) -> !id.isEmpty()).toList();
	}

	public boolean isDemo() {
		return this.clientId == null || this.clientId.isBlank();
	}

}
