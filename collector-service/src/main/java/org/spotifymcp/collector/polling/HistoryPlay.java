package org.spotifymcp.collector.polling;

import java.time.Instant;
import java.util.List;

/**
 * One play as recently-played shows it, with the catalog facts stored alongside.
 *
 * @param playedAt when the play ended
 * @param trackId Spotify track id
 * @param trackName track name
 * @param durationMs track duration, if known
 * @param explicit explicit flag, if known
 * @param album the album, or null
 * @param artists the track's artists in credit order
 */
public record HistoryPlay(Instant playedAt, String trackId, String trackName, Integer durationMs, Boolean explicit,
		Album album, List<Artist> artists) {

	/**
	 * @param id Spotify album id
	 * @param name album name
	 * @param releaseDate release date as Spotify writes it (year, month or day precision)
	 * @param imageUrl cover image, if any
	 */
	public record Album(String id, String name, String releaseDate, String imageUrl) {

	}

	/**
	 * @param id Spotify artist id
	 * @param name artist name
	 */
	public record Artist(String id, String name) {

	}

}
