package org.spotifymcp.shared.playlists;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which counted tracks can go into a Spotify playlist: those with a real Spotify id
 * (tracks known only from an export without a URI have none).
 */
public final class PlaylistTracks {

	private static final Pattern SPOTIFY_ID = Pattern.compile("[0-9A-Za-z]{22}");

	private PlaylistTracks() {
	}

	/**
	 * Track URIs in the given order, skipping ids Spotify does not know.
	 * @param spotifyIds catalog ids, most played first
	 * @return {@code spotify:track:…} URIs
	 */
	public static List<String> uris(List<String> spotifyIds) {
		return spotifyIds.stream()
			.filter((id) -> id != null && SPOTIFY_ID.matcher(id).matches())
			.map((id) -> "spotify:track:" + id)
			.toList();
	}

}
