package org.spotifymcp.shared.analytics;

/**
 * An album and its plays in a window.
 *
 * @param rank 1-based; albums with equal plays (or listening time, when ranked by it)
 * share a rank
 * @param spotifyId the album's Spotify id (or local id for export-only albums); of the
 * most played one when several ids were merged
 * @param name album name
 * @param artist the album's main artist
 * @param plays plays in the window
 * @param minutes minutes listened in the window
 * @param tracks distinct tracks played
 */
public record AlbumCount(int rank, String spotifyId, String name, String artist, long plays, double minutes,
		long tracks) {

}
