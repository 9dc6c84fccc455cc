package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * The user's own plays whose track, artist or album matches a text, newest first.
 *
 * @param window the window
 * @param query the text searched (case-insensitive substring)
 * @param matchingTracks distinct tracks that match
 * @param total plays that match in the window
 * @param offset page start
 * @param limit page size
 * @param plays the page
 */
public record SearchHistory(WindowInfo window, String query, long matchingTracks, long total, int offset, int limit,
		List<PlayRow> plays) {

	/**
	 * One play.
	 *
	 * @param playedAt local date-time in the window's zone (ISO)
	 * @param track track name
	 * @param artists artist names
	 * @param album album name
	 * @param minutes minutes listened
	 * @param trackSpotifyId the track's Spotify (or local) id
	 * @param albumSpotifyId the album's Spotify (or local) id, null without an album
	 */
	public record PlayRow(String playedAt, String track, String artists, String album, double minutes,
			String trackSpotifyId, String albumSpotifyId) {

	}

}
