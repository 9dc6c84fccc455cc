package org.spotifymcp.shared.playlists;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tables behind top-hits playlists: what each listener turned on
 * ({@code playlist_settings}) and which Spotify playlist is which kind
 * ({@code playlist_ledger}). The collector's runs write here; the pages read through
 * {@link PlaylistPreferences}.
 */
public class PlaylistLedger {

	private final JdbcTemplate jdbc;

	public PlaylistLedger(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A listener's settings; all kinds off and the default size when never saved.
	 * @param userId the listener
	 * @return the settings
	 */
	public Settings settings(int userId) {
		List<Settings> found = this.jdbc.query(
				"select s.user_id, s.weekly, s.monthly, s.yearly, s.on_repeat, s.size, s.update_requested_at,"
						+ " u.time_zone from playlist_settings s join users u on u.id = s.user_id where s.user_id = ?",
				PlaylistLedger::settingsRow, userId);
		if (!found.isEmpty()) {
			return found.get(0);
		}
		String zone = this.jdbc.query("select time_zone from users where id = ?", (rs, i) -> rs.getString(1), userId)
			.stream()
			.findFirst()
			.orElse("UTC");
		return new Settings(userId, EnumSet.noneOf(PlaylistKind.class), Settings.DEFAULT_SIZE, null, zoneOf(zone));
	}

	/** Settings of every listener with at least one kind turned on. */
	public List<Settings> listenersWithPlaylists() {
		return this.jdbc.query(
				"select s.user_id, s.weekly, s.monthly, s.yearly, s.on_repeat, s.size, s.update_requested_at,"
						+ " u.time_zone from playlist_settings s join users u on u.id = s.user_id"
						+ " where s.weekly or s.monthly or s.yearly or s.on_repeat order by s.user_id",
				PlaylistLedger::settingsRow);
	}

	/**
	 * Stores which kinds are on and the size.
	 * @param userId the listener
	 * @param enabled the kinds turned on
	 * @param size tracks per playlist
	 */
	public void saveSettings(int userId, Set<PlaylistKind> enabled, int size) {
		this.jdbc.update(
				"insert into playlist_settings (user_id, weekly, monthly, yearly, on_repeat, size) values (?, ?, ?, ?, ?, ?)"
						+ " on conflict (user_id) do update set weekly = excluded.weekly, monthly = excluded.monthly,"
						+ " yearly = excluded.yearly, on_repeat = excluded.on_repeat, size = excluded.size,"
						+ " updated_at = now()",
				userId, enabled.contains(PlaylistKind.WEEKLY), enabled.contains(PlaylistKind.MONTHLY),
				enabled.contains(PlaylistKind.YEARLY), enabled.contains(PlaylistKind.ON_REPEAT), size);
	}

	/** Records an "update now": every kind not filled since is due. */
	public void requestUpdate(int userId, Instant now) {
		this.jdbc.update("update playlist_settings set update_requested_at = ? where user_id = ?", Timestamp.from(now),
				userId);
	}

	/** Every ledger row of a listener, by kind. */
	public Map<PlaylistKind, Entry> entries(int userId) {
		Map<PlaylistKind, Entry> entries = new HashMap<>();
		this.jdbc.query("select kind, spotify_playlist_id, created_at, last_updated_at, track_count, recreated_count,"
				+ " disabled_reason, last_message from playlist_ledger where user_id = ?", (rs) -> {
					PlaylistKind kind = PlaylistKind.of(rs.getString("kind"));
					entries.put(kind,
							new Entry(kind, rs.getString("spotify_playlist_id"), instant(rs, "created_at"),
									instant(rs, "last_updated_at"), (Integer) rs.getObject("track_count"),
									rs.getInt("recreated_count"), rs.getString("disabled_reason"),
									rs.getString("last_message")));
				}, userId);
		return entries;
	}

	public Optional<Entry> entry(int userId, PlaylistKind kind) {
		return Optional.ofNullable(entries(userId).get(kind));
	}

	/**
	 * A kind turned on by hand starts over: a kind the collector turned off gets a new
	 * playlist and its one recreation back; one the listener turned off keeps its
	 * playlist.
	 */
	public void restart(int userId, PlaylistKind kind) {
		this.jdbc.update(
				"update playlist_ledger set recreated_count = 0, last_message = null,"
						+ " spotify_playlist_id = case when disabled_reason is null then spotify_playlist_id end,"
						+ " disabled_reason = null, disabled_at = null where user_id = ? and kind = ?",
				userId, kind.code());
	}

	/**
	 * A playlist was created; it counts as filled only once {@link #updated} says so, so
	 * a fill that failed is tried again on this playlist rather than a new one.
	 * @param recreation whether it replaces one the listener deleted
	 */
	public void created(int userId, PlaylistKind kind, String playlistId, boolean recreation, Instant now) {
		this.jdbc.update("insert into playlist_ledger (user_id, kind, spotify_playlist_id, created_at, recreated_count)"
				+ " values (?, ?, ?, ?, ?) on conflict (user_id, kind) do update set"
				+ " spotify_playlist_id = excluded.spotify_playlist_id, created_at = excluded.created_at,"
				+ " last_updated_at = null, track_count = null,"
				+ " recreated_count = playlist_ledger.recreated_count + ?, disabled_reason = null, disabled_at = null,"
				+ " last_message = null", userId, kind.code(), playlistId, Timestamp.from(now), recreation ? 1 : 0,
				recreation ? 1 : 0);
	}

	/** The playlist's tracks were replaced in place. */
	public void updated(int userId, PlaylistKind kind, int tracks, Instant now) {
		this.jdbc.update("update playlist_ledger set last_updated_at = ?, track_count = ?, last_message = null"
				+ " where user_id = ? and kind = ?", Timestamp.from(now), tracks, userId, kind.code());
	}

	/**
	 * Turns a kind off on the collector's own account, saying why (shown on the admin and
	 * listener pages until the kind is turned on again).
	 */
	public void disable(int userId, PlaylistKind kind, String reason, Instant now) {
		this.jdbc.update(
				"update playlist_settings set " + kind.code() + " = false, updated_at = now() where user_id = ?",
				userId);
		this.jdbc.update(
				"insert into playlist_ledger (user_id, kind, disabled_reason, disabled_at) values (?, ?, ?, ?)"
						+ " on conflict (user_id, kind) do update set disabled_reason = excluded.disabled_reason,"
						+ " disabled_at = excluded.disabled_at, last_message = null",
				userId, kind.code(), reason, Timestamp.from(now));
	}

	/**
	 * The latest problem of a run that leaves the kind on (a missing scope, a failure).
	 */
	public void message(int userId, PlaylistKind kind, String message) {
		this.jdbc.update(
				"insert into playlist_ledger (user_id, kind, last_message) values (?, ?, ?)"
						+ " on conflict (user_id, kind) do update set last_message = excluded.last_message",
				userId, kind.code(), message);
	}

	private static Settings settingsRow(ResultSet rs, int row) throws SQLException {
		Set<PlaylistKind> enabled = EnumSet.noneOf(PlaylistKind.class);
		for (PlaylistKind kind : PlaylistKind.values()) {
			if (rs.getBoolean(kind.code())) {
				enabled.add(kind);
			}
		}
		return new Settings(rs.getInt("user_id"), enabled, rs.getInt("size"), instant(rs, "update_requested_at"),
				zoneOf(rs.getString("time_zone")));
	}

	private static ZoneId zoneOf(String zone) {
		try {
			return ZoneId.of(zone);
		}
		catch (java.time.DateTimeException ex) {
			// users.time_zone is validated on every write; an old bad value falls back
			return ZoneId.of("UTC");
		}
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * What a listener turned on.
	 *
	 * @param userId the listener
	 * @param enabled kinds turned on
	 * @param size tracks per playlist
	 * @param updateRequestedAt the latest "update now", or null
	 * @param zone the listener's time zone
	 */
	public record Settings(int userId, Set<PlaylistKind> enabled, int size, Instant updateRequestedAt, ZoneId zone) {

		public static final int DEFAULT_SIZE = 50;

		public static final int MAX_SIZE = 50;

		public Settings {
			enabled = Set.copyOf(enabled);
		}

		/** The enabled kinds in their fixed order. */
		public List<PlaylistKind> enabledInOrder() {
			List<PlaylistKind> kinds = new ArrayList<>();
			for (PlaylistKind kind : PlaylistKind.values()) {
				if (this.enabled.contains(kind)) {
					kinds.add(kind);
				}
			}
			return kinds;
		}

	}

	/**
	 * A ledger row.
	 *
	 * @param kind the kind
	 * @param spotifyPlaylistId the Spotify playlist, null when none is known
	 * @param createdAt when it was created
	 * @param lastUpdatedAt when its tracks were last replaced
	 * @param trackCount tracks put in by the last update
	 * @param recreatedCount recreations after the listener deleted it
	 * @param disabledReason why the kind was turned off, or null
	 * @param lastMessage latest problem, or null
	 */
	public record Entry(PlaylistKind kind, String spotifyPlaylistId, Instant createdAt, Instant lastUpdatedAt,
			Integer trackCount, int recreatedCount, String disabledReason, String lastMessage) {

	}

}
