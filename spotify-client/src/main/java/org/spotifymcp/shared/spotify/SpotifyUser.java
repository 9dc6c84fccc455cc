package org.spotifymcp.shared.spotify;

import java.util.List;

/**
 * {@code GET /v1/me}. E-mail and country are absent for development-mode apps since 2026.
 *
 * @param id Spotify user id
 * @param displayName display name, may be absent
 * @param email e-mail, usually absent
 * @param country country, usually absent
 * @param product subscription level, may be absent
 * @param uri Spotify URI
 * @param images profile images
 */
public record SpotifyUser(String id, String displayName, String email, String country, String product, String uri,
		List<SpotifyImage> images) {

	public SpotifyUser {
		images = (images != null) ? images : List.of();
	}

	/** The display name, or the id when the user has none. */
	public String nameToShow() {
		return (this.displayName != null && !this.displayName.isBlank()) ? this.displayName : this.id;
	}

}
