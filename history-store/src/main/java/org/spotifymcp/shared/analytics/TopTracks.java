package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * Most played tracks.
 *
 * @param window the window
 * @param totalPlays all plays in the window
 * @param tracks the top tracks, most played first (ties by name)
 */
public record TopTracks(WindowInfo window, long totalPlays, List<TrackCount> tracks) {

}
