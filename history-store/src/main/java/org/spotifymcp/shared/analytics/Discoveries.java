package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * Tracks and artists first ever played inside a window.
 *
 * @param window the window
 * @param newTracks number of tracks first played in the window
 * @param newArtists number of artists first played in the window
 * @param tracks the new tracks played most since (at most limit)
 * @param artists the new artists played most since (at most limit)
 */
public record Discoveries(WindowInfo window, long newTracks, long newArtists, List<Discovery> tracks,
		List<Discovery> artists) {

	/**
	 * One discovery.
	 *
	 * @param name track or artist name
	 * @param artists for tracks: artist names; for artists: null
	 * @param firstPlayedAt first ever play (ISO instant)
	 * @param totalPlays all-time plays so far
	 */
	public record Discovery(String name, String artists, String firstPlayedAt, long totalPlays) {

	}

}
