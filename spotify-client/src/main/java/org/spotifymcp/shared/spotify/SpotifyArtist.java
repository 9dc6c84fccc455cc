package org.spotifymcp.shared.spotify;

import java.util.List;

/**
 * A full artist ({@code /v1/artists/{id}}, top artists, search). Popularity and followers
 * are absent for development-mode apps.
 *
 * @param id Spotify id
 * @param name name
 * @param genres genres, possibly empty
 * @param popularity 0-100, may be absent
 * @param followers follower count, may be absent
 * @param images images
 * @param uri Spotify URI
 */
public record SpotifyArtist(String id, String name, List<String> genres, Integer popularity, Followers followers,
		List<SpotifyImage> images, String uri) {

	public SpotifyArtist {
		genres = (genres != null) ? genres : List.of();
		images = (images != null) ? images : List.of();
	}

	/**
	 * Follower count.
	 *
	 * @param total the count
	 */
	public record Followers(Integer total) {

	}

}
