package org.spotifymcp.shared.playlists;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turning top-hits playlists on and off and asking for an update now, shared by the admin
 * UI and the listener's settings so both mean the same. Writing to a listener's Spotify
 * account needs {@value #REQUIRED_SCOPE}, which logins before this feature did not ask
 * for: a listener who turns a kind on without it is shown as needing to reconnect, and
 * nothing is sent to Spotify until they do.
 */
public class PlaylistPreferences {

	/** The Spotify scope creating and filling private playlists needs. */
	public static final String REQUIRED_SCOPE = "playlist-modify-private";

	/** Where a listener reconnects with the playlist scope added to the login. */
	public static final String RECONNECT_PATH = "/auth/login?playlists=true";

	private static final Logger logger = LoggerFactory.getLogger(PlaylistPreferences.class);

	private final JdbcTemplate jdbc;

	private final PlaylistLedger ledger;

	private final JobQueue jobs;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public PlaylistPreferences(JdbcTemplate jdbc, PlaylistLedger ledger, JobQueue jobs,
			TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.jobs = jobs;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Settings and ledger of one listener.
	 * @param userId the listener
	 * @return every kind, on or off
	 */
	public PlaylistStatus status(int userId) {
		requireUser(userId);
		PlaylistLedger.Settings settings = this.ledger.settings(userId);
		Map<PlaylistKind, PlaylistLedger.Entry> entries = this.ledger.entries(userId);
		Instant now = this.clock.instant();
		List<PlaylistState> kinds = new ArrayList<>();
		for (PlaylistKind kind : PlaylistKind.values()) {
			boolean on = settings.enabled().contains(kind);
			PlaylistLedger.Entry entry = entries.get(kind);
			String id = (entry != null) ? entry.spotifyPlaylistId() : null;
			kinds.add(new PlaylistState(kind.code(), kind.title(), on, id,
					(id != null) ? "https://open.spotify.com/playlist/" + id : null,
					(entry != null) ? entry.createdAt() : null, (entry != null) ? entry.lastUpdatedAt() : null,
					(entry != null) ? entry.trackCount() : null, (entry != null) ? entry.recreatedCount() : 0,
					(entry != null) ? entry.disabledReason() : null, (entry != null) ? entry.lastMessage() : null,
					on ? PlaylistSchedule.nextBoundary(kind, now, settings.zone()) : null));
		}
		Grant grant = grant(userId);
		boolean anyOn = !settings.enabled().isEmpty();
		return new PlaylistStatus(userId, settings.size(), grant.linked(), anyOn && !grant.canWritePlaylists(), kinds);
	}

	/**
	 * Saves which kinds are on and the size. Kinds turned on start over (see
	 * {@link PlaylistLedger#restart}); when the stored login allows writing playlists,
	 * the collector is asked to fill new ones at once.
	 * @param userId the listener
	 * @param kindCodes codes of the kinds to turn on, e.g. {@code weekly}; others go off
	 * @param size tracks per playlist (1..50), null keeps the current size
	 * @return the new status; {@link PlaylistStatus#reconnectRequired()} says whether the
	 * listener must reconnect first
	 */
	public PlaylistStatus change(int userId, List<String> kindCodes, Integer size) {
		requireUser(userId);
		Set<PlaylistKind> enabled = EnumSet.noneOf(PlaylistKind.class);
		for (String code : (kindCodes != null) ? kindCodes : List.<String>of()) {
			try {
				enabled.add(PlaylistKind.of(code));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidFilterException("kinds", "has " + ex.getMessage());
			}
		}
		PlaylistLedger.Settings before = this.ledger.settings(userId);
		int newSize = (size != null) ? size : before.size();
		if (newSize < 1 || newSize > PlaylistLedger.Settings.MAX_SIZE) {
			throw new InvalidFilterException("size",
					"must be between 1 and " + PlaylistLedger.Settings.MAX_SIZE + ", got " + newSize);
		}
		Set<PlaylistKind> turnedOn = EnumSet.copyOf(enabled);
		turnedOn.removeAll(before.enabled());
		this.transactions.executeWithoutResult((tx) -> {
			this.ledger.saveSettings(userId, enabled, newSize);
			turnedOn.forEach((kind) -> this.ledger.restart(userId, kind));
			if (!turnedOn.isEmpty()) {
				// a kind turned back on is filled now, not at its next boundary
				this.ledger.requestUpdate(userId, this.clock.instant());
			}
		});
		logger.info(LogEvents.PERSIST, "Top-hits playlists of user {} set to {} with {} tracks", userId,
				enabled.stream().map(PlaylistKind::code).toList(), newSize);
		if (!turnedOn.isEmpty() && grant(userId).canWritePlaylists()) {
			this.jobs.runSoon(JobTasks.UPDATE_PLAYLISTS, String.valueOf(userId));
		}
		return status(userId);
	}

	/** {@link #change} with the kinds as an array, for forms. */
	public PlaylistStatus change(int userId, String[] kindCodes, Integer size) {
		return change(userId, (kindCodes != null) ? Arrays.asList(kindCodes) : List.of(), size);
	}

	/**
	 * Asks the collector to refill every kind that is on within seconds.
	 * @param userId the listener
	 * @throws ActionRefusedException when no kind is on or the login cannot write
	 * playlists
	 */
	public void updateNow(int userId) {
		requireUser(userId);
		PlaylistLedger.Settings settings = this.ledger.settings(userId);
		if (settings.enabled().isEmpty()) {
			throw new ActionRefusedException("no top-hits playlist is turned on for user " + userId);
		}
		Grant grant = grant(userId);
		if (!grant.linked()) {
			throw new ActionRefusedException("user " + userId
					+ " has no working Spotify connection; connect Spotify at " + RECONNECT_PATH + " first");
		}
		if (!grant.canWritePlaylists()) {
			throw new ActionRefusedException("the Spotify login of user " + userId + " lacks " + REQUIRED_SCOPE
					+ "; the listener must reconnect at " + RECONNECT_PATH + " first");
		}
		this.ledger.requestUpdate(userId, this.clock.instant());
		this.jobs.runSoon(JobTasks.UPDATE_PLAYLISTS, String.valueOf(userId));
		logger.info(LogEvents.PERSIST, "Top-hits playlists update queued for user {}", userId);
	}

	/**
	 * Whether a user's stored Spotify login may write private playlists.
	 * @param userId the user
	 * @return true when the login is valid and granted {@value #REQUIRED_SCOPE}
	 */
	public boolean canWritePlaylists(int userId) {
		return grant(userId).canWritePlaylists();
	}

	/**
	 * Whether a scope string (space-separated, as Spotify returns it) grants
	 * {@value #REQUIRED_SCOPE}.
	 */
	public static boolean grantsPlaylistWrites(String scope) {
		return scope != null && Arrays.asList(scope.trim().split("[\\s,]+")).contains(REQUIRED_SCOPE);
	}

	private Grant grant(int userId) {
		List<Grant> found = this.jdbc.query("select status, scope from spotify_tokens where user_id = ?",
				(rs, i) -> new Grant("valid".equals(rs.getString(1)), rs.getString(2)), userId);
		return found.isEmpty() ? new Grant(false, null) : found.get(0);
	}

	private void requireUser(int userId) {
		Integer count = this.jdbc.queryForObject("select count(*) from users where id = ?", Integer.class, userId);
		if (count == null || count == 0) {
			throw new NotFoundException("user", userId);
		}
	}

	private record Grant(boolean linked, String scope) {

		boolean canWritePlaylists() {
			return this.linked && grantsPlaylistWrites(this.scope);
		}

	}

}
