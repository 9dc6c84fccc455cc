package org.spotifymcp.shared.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The six-month Spotify consent of each listener, on their {@code spotify_tokens} row:
 * every consent restarts the clock ({@link #consented}); when it ends the listener is
 * {@code reauth_required} and a coverage gap stays open from the expiry until they
 * reconnect ({@link #expired}), then says when both happened.
 */
public class SpotifyConsents {

	private static final Logger logger = LoggerFactory.getLogger(SpotifyConsents.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public SpotifyConsents(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** The user's consent, if they ever linked Spotify. */
	public Optional<SpotifyConsent> find(int userId) {
		return this.jdbc
			.query("SELECT user_id, consented_at, reconnect_by FROM spotify_tokens WHERE user_id = ?",
					(row, i) -> new SpotifyConsent(row.getInt(1), instant(row.getTimestamp(2)),
							instant(row.getTimestamp(3))),
					userId)
			.stream()
			.findFirst();
	}

	/**
	 * The listener consented just now (their token row is stored): the six months start
	 * over, reminders start over, and the gap kept open since an expiry closes here.
	 */
	public void consented(int userId) {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			List<Map<String, Object>> open = this.jdbc.queryForList(
					"SELECT g.id, g.gap_start FROM spotify_tokens t JOIN coverage_gaps g ON g.id = t.consent_gap_id"
							+ " WHERE t.user_id = ? FOR UPDATE OF t",
					userId);
			for (Map<String, Object> gap : open) {
				Instant expiredAt = ((Timestamp) gap.get("gap_start")).toInstant();
				this.jdbc.update("UPDATE coverage_gaps SET gap_end = GREATEST(gap_start, ?), reason = ? WHERE id = ?",
						Timestamp.from(now), reason(expiredAt, now), gap.get("id"));
				logger.info(LogEvents.PERSIST, "user {} reconnected Spotify; the coverage gap since {} is closed",
						userId, expiredAt);
			}
			this.jdbc.update(
					"UPDATE spotify_tokens SET consented_at = ?, reconnect_by = ?, consent_reminded = 0,"
							+ " consent_gap_id = NULL WHERE user_id = ?",
					Timestamp.from(now), Timestamp.from(SpotifyConsent.reconnectBy(now)), userId);
		});
	}

	/**
	 * The user's consent ended: the token is revoked, the checkpoint
	 * {@code reauth_required} (so nothing polls them), and a coverage gap opens at the
	 * expiry. Only the first call per consent does this.
	 * @param userId the user
	 * @return whether this call recorded the expiry
	 */
	public boolean expired(int userId) {
		Instant now = this.clock.instant();
		Boolean recorded = this.transactions.execute((status) -> {
			List<Instant[]> rows = this.jdbc.query(
					"SELECT reconnect_by FROM spotify_tokens WHERE user_id = ? AND consent_gap_id IS NULL FOR UPDATE",
					(row, i) -> new Instant[] { instant(row.getTimestamp(1)) }, userId);
			if (rows.isEmpty()) {
				return false;
			}
			Instant reconnectBy = rows.get(0)[0];
			// an unknown or not yet reached end: Spotify said so now, the gap starts now
			Instant expiredAt = (reconnectBy != null && !reconnectBy.isAfter(now)) ? reconnectBy : now;
			Long gapId = this.jdbc.queryForObject(
					"INSERT INTO coverage_gaps (user_id, gap_start, gap_end, detected_at, reason)"
							+ " VALUES (?, ?, ?, ?, ?) RETURNING id",
					Long.class, userId, Timestamp.from(expiredAt), Timestamp.from(now), Timestamp.from(now),
					reason(expiredAt, null));
			this.jdbc.update(
					"UPDATE spotify_tokens SET status = 'revoked', access_token_encrypted = NULL,"
							+ " consent_gap_id = ?, updated_at = ? WHERE user_id = ?",
					gapId, Timestamp.from(now), userId);
			this.jdbc.update("INSERT INTO sync_checkpoints (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING",
					userId);
			this.jdbc.update(
					"UPDATE sync_checkpoints SET status = 'reauth_required', next_poll_at = NULL,"
							+ " last_error = ?, updated_at = ? WHERE user_id = ?",
					"Spotify consent expired on " + day(expiredAt) + "; the listener must reconnect at /auth/login",
					Timestamp.from(now), userId);
			return true;
		});
		if (Boolean.TRUE.equals(recorded)) {
			logger.warn(LogEvents.PERSIST,
					"Spotify consent of user {} expired: reauth_required until they reconnect; the time until then is"
							+ " recorded as a coverage gap",
					userId);
		}
		return Boolean.TRUE.equals(recorded);
	}

	/** Users with a valid token whose consent has ended by now. */
	public List<Integer> endedButValid() {
		return this.jdbc.queryForList(
				"SELECT user_id FROM spotify_tokens WHERE status = 'valid' AND reconnect_by <= ? ORDER BY user_id",
				Integer.class, Timestamp.from(this.clock.instant()));
	}

	/** Moves the end of every gap still waiting for a reconnect to now. */
	public int extendOpenGaps() {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.update("UPDATE coverage_gaps g SET gap_end = ? FROM spotify_tokens t"
				+ " WHERE t.consent_gap_id = g.id AND g.gap_end < ?", now, now);
	}

	/** Whether the user's consent has ended by now, as far as its start is known. */
	public boolean hasEnded(int userId) {
		Instant now = this.clock.instant();
		return find(userId).map((consent) -> consent.isExpired(now)).orElse(false);
	}

	/**
	 * The coverage-gap reason of a consent expiry.
	 * @param expiredAt when the consent ended
	 * @param reconnectedAt when the listener reconnected, or {@code null} while they have
	 * not
	 * @return e.g. "Spotify consent expired on 2026-12-01; reconnected on 2026-12-09"
	 */
	public static String reason(Instant expiredAt, Instant reconnectedAt) {
		return "Spotify consent expired on " + day(expiredAt) + "; "
				+ ((reconnectedAt != null) ? "reconnected on " + day(reconnectedAt) : "not reconnected yet");
	}

	private static LocalDate day(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
