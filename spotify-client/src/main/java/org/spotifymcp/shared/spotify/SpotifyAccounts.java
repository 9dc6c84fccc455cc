package org.spotifymcp.shared.spotify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.spotifymcp.shared.apps.SpotifyAppCredentials;
import org.spotifymcp.shared.config.SpotifyProperties;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * {@code POST /api/token} on the accounts host: refreshes access tokens. The user's app
 * authenticates with a Basic header, or with its id alone when it has no secret (PKCE
 * public client).
 */
final class SpotifyAccounts {

	private final SpotifyHttp http;

	private final SpotifyProperties properties;

	SpotifyAccounts(SpotifyHttp http, SpotifyProperties properties) {
		this.http = http;
		this.properties = properties;
	}

	/**
	 * Refreshes with the app the refresh token was issued to: Spotify binds it to that
	 * client.
	 */
	TokenResponse refresh(String refreshToken, SpotifyAppCredentials app) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", refreshToken);
		String basic = null;
		if (app.clientSecret() != null && !app.clientSecret().isBlank()) {
			String credentials = encode(app.clientId()) + ":" + encode(app.clientSecret());
			basic = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
		}
		else {
			form.add("client_id", app.clientId());
		}
		return this.http.postToken(URI.create(trimSlash(this.properties.accountsBaseUrl()) + "/api/token"), basic,
				form);
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

	static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
