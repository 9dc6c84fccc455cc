package org.spotifymcp.collector.polling;

import java.time.Instant;

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
	 */
	HistoryPage recentlyPlayed(int userId, Instant after, Instant before);

}
