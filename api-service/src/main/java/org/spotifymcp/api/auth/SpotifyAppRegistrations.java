package org.spotifymcp.api.auth;

import java.util.Arrays;
import java.util.Optional;

import org.spotifymcp.shared.apps.SpotifyAppCredentials;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.config.SpotifyProperties;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * One OAuth client registration per Spotify app: {@code spotify} for the default app of
 * {@code SPOTIFY_CLIENT_ID}, {@code spotify-app-<id>} for each row of
 * {@code spotify_apps}, read from the table on every lookup so an added app or a rotated
 * secret counts at once. Spring Security looks the registration up when the login starts
 * (client id in the authorize URL) and again at the callback (the code is exchanged with
 * that app's secret).
 */
class SpotifyAppRegistrations implements ClientRegistrationRepository {

	static final String DEFAULT_ID = "spotify";

	private static final String APP_PREFIX = "spotify-app-";

	private final SpotifyProperties spotify;

	private final SpotifyApps apps;

	SpotifyAppRegistrations(SpotifyProperties spotify, SpotifyApps apps) {
		this.spotify = spotify;
		this.apps = apps;
	}

	/** The registration id of an app; {@code null} names the default app. */
	static String registrationId(Integer appId) {
		return (appId != null) ? APP_PREFIX + appId : DEFAULT_ID;
	}

	/**
	 * The app of a registration id.
	 * @return empty for the default app
	 */
	static Optional<Integer> appId(String registrationId) {
		if (registrationId != null && registrationId.startsWith(APP_PREFIX)) {
			try {
				return Optional.of(Integer.parseInt(registrationId.substring(APP_PREFIX.length())));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		if (DEFAULT_ID.equals(registrationId)) {
			SpotifyAppCredentials app = this.apps.defaultApp();
			return build(DEFAULT_ID, isConfigured(this.spotify) ? app.clientId() : "not-configured",
					app.clientSecret());
		}
		Optional<Integer> appId = appId(registrationId);
		if (appId.isEmpty()) {
			return null;
		}
		return this.apps.credentials(appId.get())
			.map((app) -> build(registrationId, app.clientId(), app.clientSecret()))
			.orElse(null);
	}

	private ClientRegistration build(String registrationId, String clientId, String clientSecret) {
		String accounts = trimSlash(this.spotify.accountsBaseUrl());
		return ClientRegistration.withRegistrationId(registrationId)
			.clientName("Spotify")
			.clientId(clientId)
			.clientSecret(clientSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.spotify.redirectUri())
			.scope(Arrays.stream(this.spotify.scopes().split("[\\s,]+")).filter((scope) -> !scope.isBlank()).toList())
			.authorizationUri(accounts + "/authorize")
			.tokenUri(accounts + "/api/token")
			.userInfoUri(trimSlash(this.spotify.apiBaseUrl()) + "/v1/me")
			.userNameAttributeName("id")
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
			.build();
	}

	static boolean isConfigured(SpotifyProperties spotify) {
		return spotify.clientId() != null && !spotify.clientId().isBlank();
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
