package org.spotifymcp.shared.playlists;

import java.util.List;

/**
 * A listener's top-hits playlists as the admin and listener pages show them.
 *
 * @param userId the listener
 * @param size tracks per playlist
 * @param spotifyLinked whether the listener has a working Spotify login
 * @param reconnectRequired a kind is on but the stored login lacks
 * {@value PlaylistPreferences#REQUIRED_SCOPE}: the listener must connect Spotify again
 * before anything is written
 * @param kinds every kind, on or off
 */
public record PlaylistStatus(int userId, int size, boolean spotifyLinked, boolean reconnectRequired,
		List<PlaylistState> kinds) {

	public boolean anyEnabled() {
		return this.kinds.stream().anyMatch(PlaylistState::enabled);
	}

}
