package org.spotifymcp.shared.analytics;

import java.time.Instant;
import java.util.List;

/**
 * One track, album or artist in a listener's history, all time.
 *
 * @param name the track's, album's or artist's name
 * @param artists the track's artists in credit order, or the album's main artist; empty
 * for an artist
 * @param album the track's album, null otherwise
 * @param imageUrl the album cover (tracks and albums) or artist image from the catalog,
 * null when it has none
 * @param plays counted plays
 * @param minutes minutes of those plays
 * @param skippedListens listens that did not count as plays
 * @param firstPlayedAt the first counted play, null without plays
 * @param lastPlayedAt the last counted play, null without plays
 * @param timeZone the zone the months are read in (the listener's)
 * @param months plays per month from the first played month to the last, empty months
 * included
 * @param tracks the listener's tracks of it, most played first: every one of an album,
 * the top ones of an artist, none for a track
 */
public record ItemHistory(String name, List<String> artists, AlbumRef album, String imageUrl, long plays,
		double minutes, long skippedListens, Instant firstPlayedAt, Instant lastPlayedAt, String timeZone,
		List<Month> months, List<Track> tracks) {

	/**
	 * An album a track belongs to.
	 *
	 * @param spotifyId the album's id
	 * @param name its name
	 */
	public record AlbumRef(String spotifyId, String name) {

	}

	/**
	 * Plays in one month of the listener's zone.
	 *
	 * @param month {@code yyyy-MM}
	 * @param plays counted plays
	 * @param minutes their minutes
	 */
	public record Month(String month, long plays, double minutes) {

	}

	/**
	 * One track of an album or artist.
	 *
	 * @param spotifyId the track's id
	 * @param name its name
	 * @param artists its artists, comma separated
	 * @param plays counted plays
	 * @param minutes their minutes
	 * @param lastPlayedAt the last counted play
	 */
	public record Track(String spotifyId, String name, String artists, long plays, double minutes,
			Instant lastPlayedAt) {

	}

}
