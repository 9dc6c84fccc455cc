package org.spotifymcp.shared.apps;

/**
 * The Spotify app a user's calls go through: the default app of {@code SPOTIFY_CLIENT_ID}
 * or one of {@code spotify_apps}. {@link #toString()} hides the secret.
 *
 * @param appId the row in {@code spotify_apps}, {@code null} for the default app
 * @param clientId the client id
 * @param clientSecret the decrypted client secret, {@code null} for a public (PKCE)
 * client without one
 */
public record SpotifyAppCredentials(Integer appId, String clientId, String clientSecret) {

	@Override
	public String toString() {
		return "SpotifyAppCredentials[appId=" + this.appId + ", clientId=" + this.clientId + "]";
	}

}
