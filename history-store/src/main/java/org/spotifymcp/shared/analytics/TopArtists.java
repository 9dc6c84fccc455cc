package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * Most played artists.
 *
 * @param window the window
 * @param totalPlays all plays in the window
 * @param artists the top artists, most played first (ties by name)
 */
public record TopArtists(WindowInfo window, long totalPlays, List<ArtistCount> artists) {

}
