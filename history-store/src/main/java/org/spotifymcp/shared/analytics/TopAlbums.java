package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * Most played albums.
 *
 * @param window the window
 * @param totalPlays all plays in the window
 * @param albums the top albums, most played first (ties by name)
 */
public record TopAlbums(WindowInfo window, long totalPlays, List<AlbumCount> albums) {

}
