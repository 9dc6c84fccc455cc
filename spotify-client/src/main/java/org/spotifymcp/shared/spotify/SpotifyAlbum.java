package org.spotifymcp.shared.spotify;

import java.util.List;

/**
 * The album inside a track (or a search result).
 *
 * @param id Spotify id
 * @param name name
 * @param albumType {@code album}, {@code single} or {@code compilation}
 * @param releaseDate release date, precision per {@code releaseDatePrecision}
 * @param releaseDatePrecision {@code year}, {@code month} or {@code day}
 * @param totalTracks number of tracks, may be absent
 * @param artists album artists
 * @param images cover images
 * @param uri Spotify URI
 */
public record SpotifyAlbum(String id, String name, String albumType, String releaseDate, String releaseDatePrecision,
		Integer totalTracks, List<SpotifyArtistRef> artists, List<SpotifyImage> images, String uri) {

	public SpotifyAlbum {
		artists = (artists != null) ? artists : List.of();
		images = (images != null) ? images : List.of();
	}

}
