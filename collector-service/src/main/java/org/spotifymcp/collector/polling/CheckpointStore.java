package org.spotifymcp.collector.polling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.spotifymcp.shared.sync.CheckpointStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads and moves {@code sync_checkpoints} with targeted updates: a poll and an initial
 * sync of the same user touch different columns and never overwrite each other's.
 */
public class CheckpointStore {

	private final JdbcTemplate jdbc;

	public CheckpointStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What a run needs to know of a user's state.
	 *
	 * @param status where the user stands
	 * @param lastPlayedAt newest collected play, or null
	 * @param lastPollAt when the last poll ended, or null
	 * @param consecutiveFailures failed runs in a row
	 * @param initialSyncCompletedAt when the initial sync ended, or null
	 * @param tokenValid whether a valid Spotify token exists
	 */
	public record State(CheckpointStatus status, Instant lastPlayedAt, Instant lastPollAt, int consecutiveFailures,
			Instant initialSyncCompletedAt, boolean tokenValid) {

		public boolean isStopped() {
			return this.status == CheckpointStatus.PAUSED || this.status == CheckpointStatus.REAUTH_REQUIRED;
		}

	}

	/** Creates the checkpoint if missing and reads it. */
	public Optional<State> load(int userId) {
		this.jdbc.update("INSERT INTO sync_checkpoints (user_id) SELECT id FROM users WHERE id = ?"
				+ " ON CONFLICT (user_id) DO NOTHING", userId);
		return this.jdbc
			.query("SELECT c.status, c.last_played_at, c.last_poll_at, c.consecutive_failures,"
					+ " c.initial_sync_completed_at, (t.status = 'valid') AS token_valid"
					+ " FROM sync_checkpoints c LEFT JOIN spotify_tokens t ON t.user_id = c.user_id"
					+ " WHERE c.user_id = ?",
					(row, i) -> new State(CheckpointStatus.valueOf(row.getString(1).toUpperCase(java.util.Locale.ROOT)),
							instant(row.getTimestamp(2)), instant(row.getTimestamp(3)), row.getInt(4),
							instant(row.getTimestamp(5)), row.getBoolean(6)),
					userId)
			.stream()
			.findFirst();
	}

	/**
	 * A poll succeeded. The status only changes from states a poll owns, so a pause set
	 * meanwhile by the admin stays.
	 */
	public void polled(int userId, Instant now, Instant newestPlay, int intervalSeconds, Instant nextPollAt) {
		this.jdbc.update("UPDATE sync_checkpoints SET"
				+ " status = CASE WHEN status IN ('idle', 'error', 'polling') THEN 'polling' ELSE status END,"
				+ " last_poll_at = ?, last_played_at = GREATEST(last_played_at, ?), poll_interval_seconds = ?,"
				+ " next_poll_at = ?, consecutive_failures = 0, last_error = NULL, updated_at = ? WHERE user_id = ?",
				ts(now), ts(newestPlay), intervalSeconds, ts(nextPollAt), ts(now), userId);
	}

	/** A run failed for a reason that may pass. */
	public void failed(int userId, Instant now, String error, Instant nextAttemptAt) {
		this.jdbc.update("UPDATE sync_checkpoints SET"
				+ " status = CASE WHEN status IN ('paused', 'reauth_required') THEN status ELSE 'error' END,"
				+ " consecutive_failures = consecutive_failures + 1, last_error = ?, next_poll_at = ?, updated_at = ?"
				+ " WHERE user_id = ?", error, ts(nextAttemptAt), ts(now), userId);
	}

	/**
	 * The user's work waits for a pause of the whole Spotify app: no failure of theirs,
	 * so neither the status nor the failure count changes.
	 */
	public void deferred(int userId, Instant now, String reason, Instant nextAttemptAt) {
		this.jdbc.update(
				"UPDATE sync_checkpoints SET last_error = ?, next_poll_at = ?, updated_at = ? WHERE user_id = ?",
				reason, ts(nextAttemptAt), ts(now), userId);
	}

	/**
	 * Spotify refused the refresh token: collection stops until the user connects again.
	 */
	public void reauthRequired(int userId, Instant now, String error) {
		this.jdbc.update(
				"UPDATE sync_checkpoints SET status = 'reauth_required', last_error = ?, next_poll_at = NULL,"
						+ " consecutive_failures = consecutive_failures + 1, updated_at = ? WHERE user_id = ?",
				error, ts(now), userId);
		this.jdbc.update("UPDATE spotify_tokens SET status = 'revoked', access_token_encrypted = NULL, updated_at = ?"
				+ " WHERE user_id = ?", ts(now), userId);
	}

	public void initialSyncStarted(int userId, Instant now) {
		this.jdbc.update("UPDATE sync_checkpoints SET"
				+ " status = CASE WHEN status IN ('paused', 'reauth_required') THEN status ELSE 'initial_sync' END,"
				+ " initial_sync_started_at = ?, updated_at = ? WHERE user_id = ?", ts(now), ts(now), userId);
	}

	public void initialSyncCompleted(int userId, Instant now, Instant earliest, Instant newest) {
		this.jdbc.update("UPDATE sync_checkpoints SET"
				+ " status = CASE WHEN status IN ('paused', 'reauth_required') THEN status ELSE 'polling' END,"
				+ " initial_sync_completed_at = ?," + " initial_sync_earliest_at = LEAST(initial_sync_earliest_at, ?),"
				+ " last_played_at = GREATEST(last_played_at, ?), consecutive_failures = 0, last_error = NULL,"
				+ " updated_at = ? WHERE user_id = ?", ts(now), ts(earliest), ts(newest), ts(now), userId);
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
