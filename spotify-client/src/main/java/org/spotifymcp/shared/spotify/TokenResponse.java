package org.spotifymcp.shared.spotify;

/**
 * What {@code POST /api/token} answers. Never log it.
 *
 * @param accessToken the access token
 * @param tokenType {@code Bearer}
 * @param scope granted scopes
 * @param expiresIn access token lifetime in seconds
 * @param refreshToken a new refresh token when Spotify rotates it, otherwise absent
 */
public record TokenResponse(String accessToken, String tokenType, String scope, Long expiresIn, String refreshToken) {

	@Override
	public String toString() {
		return "TokenResponse[scope=" + this.scope + ", expiresIn=" + this.expiresIn + ", rotated="
				+ (this.refreshToken != null) + "]";
	}

}
