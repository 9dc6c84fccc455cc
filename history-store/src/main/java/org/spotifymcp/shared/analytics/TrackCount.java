package org.spotifymcp.shared.analytics;

/**
 * A track and how much it was played in a window.
 *
 * @param rank 1-based; tracks with equal plays (or listening time, when ranked by it)
 * share a rank
 * @param spotifyId the track's Spotify id (or local id for export-only tracks)
 * @param name track name
 * @param artists artist names, comma separated
 * @param album album name (may be null)
 * @param plays plays in the window
 * @param minutes minutes listened in the window
 */
public record TrackCount(int rank, String spotifyId, String name, String artists, String album, long plays,
		double minutes) {

}
