package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * An artist (merged by name across Spotify and export ids) and its plays in a window.
 *
 * @param rank 1-based; artists with equal plays (or listening time, when ranked by it)
 * share a rank
 * @param name display name
 * @param spotifyIds the Spotify ids behind this name (export-only ids omitted)
 * @param plays plays in the window
 * @param minutes minutes listened in the window
 * @param tracks distinct tracks played
 */
public record ArtistCount(int rank, String name, List<String> spotifyIds, long plays, double minutes, long tracks) {

}
