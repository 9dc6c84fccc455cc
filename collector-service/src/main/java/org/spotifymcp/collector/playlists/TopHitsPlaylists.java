package org.spotifymcp.collector.playlists;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.TrackCount;
import org.spotifymcp.shared.analytics.WindowRequest;
import org.spotifymcp.shared.logs.LogEvents;
import org.spotifymcp.shared.playlists.PlaylistKind;
import org.spotifymcp.shared.playlists.PlaylistLedger;
import org.spotifymcp.shared.playlists.PlaylistPreferences;
import org.spotifymcp.shared.playlists.PlaylistSchedule;
import org.spotifymcp.shared.playlists.PlaylistTracks;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyPlaylist;
import org.spotifymcp.shared.spotify.SpotifyUserApi;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills a listener's top-hits playlists in their own Spotify account: the most played
 * tracks of each due kind's window, counted by the history store (the play-counting rule,
 * in the listener's time zone). A kind's playlist is created once (private) and then
 * updated in place; one the listener deleted is recreated once, and when it is deleted
 * again the kind turns itself off with a message in the ledger. Calls go through the
 * listener's own Spotify client, like polls.
 */
public class TopHitsPlaylists {

	static final String DESCRIPTION = "Your most played tracks, counted from your own listening history by the "
			+ "Spotify MCP History Collector and refreshed automatically.";

	private static final Logger logger = LoggerFactory.getLogger(TopHitsPlaylists.class);

	private final HistoryAnalytics history;

	private final SpotifyClient spotify;

	private final PlaylistLedger ledger;

	private final PlaylistPreferences preferences;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public TopHitsPlaylists(HistoryAnalytics history, SpotifyClient spotify, PlaylistLedger ledger,
			PlaylistPreferences preferences, JdbcTemplate jdbc, Clock clock) {
		this.history = history;
		this.spotify = spotify;
		this.ledger = ledger;
		this.preferences = preferences;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The kinds of a listener that are on and due now (see
	 * {@link PlaylistSchedule#isDue}).
	 * @param settings the listener's settings
	 * @return due kinds in their fixed order
	 */
	public List<PlaylistKind> dueKinds(PlaylistLedger.Settings settings) {
		Instant now = this.clock.instant();
		var entries = this.ledger.entries(settings.userId());
		List<PlaylistKind> due = new ArrayList<>();
		for (PlaylistKind kind : settings.enabledInOrder()) {
			PlaylistLedger.Entry entry = entries.get(kind);
			Instant last = (entry != null && entry.spotifyPlaylistId() != null) ? entry.lastUpdatedAt() : null;
			if (PlaylistSchedule.isDue(kind, last, settings.updateRequestedAt(), now, settings.zone())) {
				due.add(kind);
			}
		}
		return due;
	}

	/**
	 * Refills every due kind of a listener.
	 * @param userId the listener
	 * @return what happened per kind; empty when nothing was due or the user is gone
	 */
	public List<PlaylistRun> update(int userId) {
		List<String> spotifyIds = this.jdbc.query("select spotify_user_id from users where id = ?",
				(rs, i) -> rs.getString(1), userId);
		if (spotifyIds.isEmpty()) {
			return List.of();
		}
		PlaylistLedger.Settings settings = this.ledger.settings(userId);
		List<PlaylistKind> due = dueKinds(settings);
		List<PlaylistRun> runs = new ArrayList<>();
		if (due.isEmpty()) {
			return runs;
		}
		if (!this.preferences.canWritePlaylists(userId)) {
			String message = "Spotify login lacks " + PlaylistPreferences.REQUIRED_SCOPE
					+ ": the listener must reconnect Spotify (" + PlaylistPreferences.RECONNECT_PATH + ")";
			for (PlaylistKind kind : due) {
				this.ledger.message(userId, kind, message);
				runs.add(new PlaylistRun(kind, PlaylistRun.Outcome.RECONNECT_REQUIRED, null, 0, message));
			}
			return runs;
		}
		SpotifyUserApi api = this.spotify.forUser(userId, new SpotifyCallStats());
		for (PlaylistKind kind : due) {
			PlaylistRun run;
			try {
				run = fill(api, userId, spotifyIds.get(0), kind, settings);
			}
			catch (SpotifyApiException ex) {
				String message = problem(ex);
				this.ledger.message(userId, kind, message);
				run = new PlaylistRun(kind,
						(ex.status() == 403) ? PlaylistRun.Outcome.RECONNECT_REQUIRED : PlaylistRun.Outcome.FAILED,
						null, 0, message);
				logger.warn("Top-hits playlist {} of user {} not written: {}", kind.code(), userId, message);
				if (ex.kind() == SpotifyApiException.Kind.APP_PAUSED
						|| ex.kind() == SpotifyApiException.Kind.REAUTH_REQUIRED) {
					// every other call would fail the same way
					runs.add(run);
					break;
				}
			}
			runs.add(run);
		}
		return runs;
	}

	private PlaylistRun fill(SpotifyUserApi api, int userId, String spotifyUserId, PlaylistKind kind,
			PlaylistLedger.Settings settings) {
		Instant now = this.clock.instant();
		List<String> uris = selection(userId, kind, settings, now);
		PlaylistLedger.Entry entry = this.ledger.entry(userId, kind).orElse(null);
		String known = (entry != null) ? entry.spotifyPlaylistId() : null;
		if (known == null) {
			String created = create(api, userId, kind, uris, false, now);
			return new PlaylistRun(kind, PlaylistRun.Outcome.CREATED, created, uris.size(), null);
		}
		if (stillThere(api, known, spotifyUserId)) {
			try {
				api.replacePlaylistItems(known, uris);
				this.ledger.updated(userId, kind, uris.size(), now);
				logger.info(LogEvents.PERSIST, "Top-hits playlist {} of user {} updated with {} tracks", kind.code(),
						userId, uris.size());
				return new PlaylistRun(kind, PlaylistRun.Outcome.UPDATED, known, uris.size(), null);
			}
			catch (SpotifyApiException ex) {
				if (ex.status() != 404) {
					throw ex;
				}
			}
		}
		if (entry.recreatedCount() >= 1) {
			String reason = "The playlist \"" + kind.title() + "\" was deleted in Spotify again after it had been "
					+ "recreated once, so it was turned off on " + now + ". Turn it on again to get a new one.";
			this.ledger.disable(userId, kind, reason, now);
			logger.info(LogEvents.PERSIST, "Top-hits playlist {} of user {} deleted twice: turned off", kind.code(),
					userId);
			return new PlaylistRun(kind, PlaylistRun.Outcome.DISABLED, null, 0, reason);
		}
		String created = create(api, userId, kind, uris, true, now);
		return new PlaylistRun(kind, PlaylistRun.Outcome.RECREATED, created, uris.size(), null);
	}

	/**
	 * Creates and fills a playlist. The ledger learns the new id before the tracks go in,
	 * so a failed fill updates this playlist next time instead of creating another.
	 */
	private String create(SpotifyUserApi api, int userId, PlaylistKind kind, List<String> uris, boolean recreation,
			Instant now) {
		SpotifyPlaylist playlist = api.createPlaylist(kind.title(), DESCRIPTION, false);
		this.ledger.created(userId, kind, playlist.id(), recreation, now);
		api.replacePlaylistItems(playlist.id(), uris);
		this.ledger.updated(userId, kind, uris.size(), now);
		logger.info(LogEvents.PERSIST, "Top-hits playlist {} of user {} {} with {} tracks", kind.code(), userId,
				recreation ? "recreated" : "created", uris.size());
		return playlist.id();
	}

	/**
	 * Whether the listener still has the playlist: deleting one's own playlist in Spotify
	 * unfollows it, and a playlist gone altogether answers 404.
	 */
	private static boolean stillThere(SpotifyUserApi api, String playlistId, String spotifyUserId) {
		try {
			return api.followsPlaylist(playlistId, spotifyUserId);
		}
		catch (SpotifyApiException ex) {
			if (ex.status() == 404) {
				return false;
			}
			throw ex;
		}
	}

	/** The kind's most played tracks with a Spotify id, most played first. */
	List<String> selection(int userId, PlaylistKind kind, PlaylistLedger.Settings settings, Instant now) {
		PlaylistSchedule.Days days = PlaylistSchedule.window(kind, now, settings.zone());
		WindowRequest window = WindowRequest.between(days.first().toString(), days.last().toString(),
				settings.zone().getId());
		return PlaylistTracks.uris(this.history.topTracks(userId, window, settings.size())
			.tracks()
			.stream()
			.map(TrackCount::spotifyId)
			.toList());
	}

	private static String problem(SpotifyApiException ex) {
		if (ex.status() == 403) {
			return "Spotify refused to write the playlist (403, e.g. the login lacks "
					+ PlaylistPreferences.REQUIRED_SCOPE + "): the listener must reconnect Spotify ("
					+ PlaylistPreferences.RECONNECT_PATH + ")";
		}
		return "Spotify could not be written to (" + ex.kind().name().toLowerCase(Locale.ROOT) + "): " + ex.getMessage()
				+ "; tried again at the next check";
	}

}
