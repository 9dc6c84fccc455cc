package org.spotifymcp.shared.spotify;

import java.util.List;
import java.util.Map;

/**
 * A full track. Popularity is absent for development-mode apps; local files have no id.
 *
 * @param id Spotify id, absent for local files
 * @param name name
 * @param durationMs length in milliseconds
 * @param explicit explicit lyrics
 * @param popularity 0-100, may be absent
 * @param trackNumber position on the album
 * @param discNumber disc of the album
 * @param isLocal whether it is a local file
 * @param album the album
 * @param artists the artists
 * @param externalIds e.g. {@code isrc}
 * @param uri Spotify URI
 */
public record SpotifyTrack(String id, String name, Integer durationMs, Boolean explicit, Integer popularity,
		Integer trackNumber, Integer discNumber, Boolean isLocal, SpotifyAlbum album, List<SpotifyArtistRef> artists,
		Map<String, String> externalIds, String uri) {

	public SpotifyTrack {
		artists = (artists != null) ? artists : List.of();
		externalIds = (externalIds != null) ? externalIds : Map.of();
	}

}
