package org.spotifymcp.collector.polling;

import java.time.Instant;
import java.util.Optional;

/**
 * What the collector needs from Spotify: one page of a user's recently-played history.
 * The Spotify client implements it ({@link SpotifyListeningHistory}); the seam keeps the
 * polling logic free of HTTP details.
 */
public interface ListeningHistory {

	/** Spotify's page size limit for recently-played. */
	int PAGE_SIZE = 50;

	/**
	 * One page of recently-played, newest first.
	 * @param userId our user id
	 * @param after only plays strictly after this instant (paging forward), or null
	 * @param before only plays strictly before this instant (paging back), or null
	 * @return the page with what it cost
	 * @throws ReauthRequiredException when the user's refresh token is no longer honoured
	 * @throws RateLimitedException when Spotify kept answering 429 beyond the client's
	 * retries
	 * @throws AppPausedException when every call with the user's Spotify app is paused
	 */
	HistoryPage recentlyPlayed(int userId, Instant after, Instant before);

	/**
	 * The running pause of the Spotify app the user's calls go through, checked before a
	 * run starts so that a paused app costs no run and no request.
	 * @param userId our user id
	 * @return when the pause ends and why, if one runs now
	 */
	default Optional<Pause> appPause(int userId) {
		return Optional.empty();
	}

	/**
	 * A pause of the user's Spotify app.
	 *
	 * @param until when calls may go out again
	 * @param reason why, in words
	 */
	record Pause(Instant until, String reason) {

	}

}
