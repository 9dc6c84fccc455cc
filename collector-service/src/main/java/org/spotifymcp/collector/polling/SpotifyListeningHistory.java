package org.spotifymcp.collector.polling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.spotifymcp.shared.spotify.PlayHistory;
import org.spotifymcp.shared.spotify.RecentlyPlayed;
import org.spotifymcp.shared.spotify.SpotifyAlbum;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyTrack;

/**
 * {@link ListeningHistory} over the typed Spotify client, which refreshes tokens (and
 * stores them back), retries 429/5xx/timeouts and counts what each call cost.
 */
public class SpotifyListeningHistory implements ListeningHistory {

	private final SpotifyClient client;

	public SpotifyListeningHistory(SpotifyClient client) {
		this.client = client;
	}

	@Override
	public HistoryPage recentlyPlayed(int userId, Instant after, Instant before) {
		SpotifyCallStats stats = new SpotifyCallStats();
		RecentlyPlayed page;
		try {
			page = this.client.forUser(userId, stats).recentlyPlayed(PAGE_SIZE, after, before);
		}
		catch (SpotifyApiException ex) {
			if (ex.kind() == SpotifyApiException.Kind.REAUTH_REQUIRED) {
				throw new ReauthRequiredException(ex.getMessage(), ex);
			}
			if (ex.kind() == SpotifyApiException.Kind.APP_PAUSED) {
				throw new AppPausedException(ex.getMessage(), ex.retryAfter(), ex);
			}
			if (ex.kind() == SpotifyApiException.Kind.RATE_LIMITED) {
				throw new RateLimitedException(ex.getMessage(), (int) stats.rateLimited(), ex);
			}
			throw ex;
		}
		List<HistoryPlay> plays = new ArrayList<>(page.items().size());
		for (PlayHistory item : page.items()) {
			HistoryPlay play = toPlay(item);
			if (play != null) {
				plays.add(play);
			}
		}
		return new HistoryPage(plays, page.hasNext(), (int) stats.rateLimited(), (int) stats.retries());
	}

	@Override
	public Optional<Pause> appPause(int userId) {
		return this.client.appPauseFor(userId).map((pause) -> new Pause(pause.until(), pause.reason()));
	}

	/** Local files have no Spotify id; they are kept under their URI, like imports do. */
	private static HistoryPlay toPlay(PlayHistory item) {
		SpotifyTrack track = item.track();
		if (track == null || item.playedAt() == null) {
			return null;
		}
		String trackId = (track.id() != null) ? track.id() : track.uri();
		if (trackId == null) {
			return null;
		}
		SpotifyAlbum album = track.album();
		HistoryPlay.Album albumFacts = (album != null && album.id() != null) ? new HistoryPlay.Album(album.id(),
				album.name(), album.releaseDate(), album.images().isEmpty() ? null : album.images().get(0).url())
				: null;
		List<HistoryPlay.Artist> artists = track.artists()
			.stream()
			.filter((artist) -> artist.id() != null)
			.map((artist) -> new HistoryPlay.Artist(artist.id(), artist.name()))
			.toList();
		return new HistoryPlay(item.playedAt(), trackId, track.name(), track.durationMs(), track.explicit(), albumFacts,
				artists);
	}

}
