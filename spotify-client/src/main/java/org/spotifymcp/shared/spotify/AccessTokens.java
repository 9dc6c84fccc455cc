package org.spotifymcp.shared.spotify;

/**
 * Where a {@link SpotifyUserApi} gets its access token from.
 */
interface AccessTokens {

	/** A token expected to be valid now (refreshed first when it is about to expire). */
	String current();

	/**
	 * Called once after Spotify answered 401 to {@code rejected}.
	 * @return a token to retry with
	 * @throws SpotifyApiException UNAUTHORIZED when no fresh token can be had,
	 * REAUTH_REQUIRED when Spotify refused the refresh token
	 */
	String afterRejection(String rejected);

}
