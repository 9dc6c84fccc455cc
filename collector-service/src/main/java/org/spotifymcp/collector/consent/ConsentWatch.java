package org.spotifymcp.collector.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.spotifymcp.shared.admin.UserOverview;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.alerts.AlertNotifier.ConsentNotice;
import org.spotifymcp.shared.consent.SpotifyConsent;
import org.spotifymcp.shared.consent.SpotifyConsents;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps listeners' six-month Spotify consents in view: ends the consents that ran out
 * (the user becomes {@code reauth_required}, a coverage gap opens), keeps those gaps
 * growing until the listener reconnects, and sends the reminders through the alert
 * webhook 14 and 3 days before and on expiry, each once per consent. A reminder held back
 * by the alert throttle stays due and goes out with the next check.
 */
public class ConsentWatch {

	public static final String TASK_NAME = "consent-watch";

	/** Reminder stages as stored in {@code spotify_tokens.consent_reminded}. */
	static final int FIRST = 1;

	static final int LAST = 2;

	static final int EXPIRED = 3;

	private static final String DUE = """
			SELECT t.user_id, u.display_name, u.spotify_user_id, t.consented_at,
			       coalesce(t.reconnect_by, g.gap_start) AS ends_at, t.consent_reminded,
			       CASE WHEN t.consent_gap_id IS NOT NULL THEN 3 WHEN t.reconnect_by <= ? THEN 2 ELSE 1 END AS due
			  FROM spotify_tokens t
			  JOIN users u ON u.id = t.user_id
			  LEFT JOIN coverage_gaps g ON g.id = t.consent_gap_id
			 WHERE (t.consent_gap_id IS NOT NULL
			        OR (t.status = 'valid' AND t.reconnect_by > ? AND t.reconnect_by <= ?))
			 ORDER BY ends_at, t.user_id
			""";

	private final JdbcTemplate jdbc;

	private final SpotifyConsents consents;

	private final AlertNotifier alerts;

	private final Clock clock;

	public ConsentWatch(JdbcTemplate jdbc, SpotifyConsents consents, AlertNotifier alerts, Clock clock) {
		this.jdbc = jdbc;
		this.consents = consents;
		this.alerts = alerts;
		this.clock = clock;
	}

	/**
	 * One look at every consent.
	 * @return how many consents were found ended now
	 */
	public int check() {
		int ended = 0;
		for (int userId : this.consents.endedButValid()) {
			if (this.consents.expired(userId)) {
				ended++;
			}
		}
		this.consents.extendOpenGaps();
		List<Due> due = due(this.clock.instant());
		List<Due> reminders = due.stream().filter((notice) -> notice.stage() < EXPIRED).toList();
		if (!reminders.isEmpty() && this.alerts.consentEndsSoon(notices(reminders))) {
			reminders.forEach(this::reminded);
		}
		List<Due> expired = due.stream().filter((notice) -> notice.stage() == EXPIRED).toList();
		if (!expired.isEmpty() && this.alerts.consentExpired(notices(expired))) {
			expired.forEach(this::reminded);
		}
		return ended;
	}

	/** Consents whose next reminder is due and not yet sent. */
	private List<Due> due(Instant now) {
		return this.jdbc
			.query(DUE,
					(row, i) -> new Due(row.getInt("user_id"),
							UserOverview.label(row.getInt("user_id"), row.getString("display_name"),
									row.getString("spotify_user_id")),
							row.getString("spotify_user_id"), row.getTimestamp("consented_at"),
							row.getTimestamp("ends_at").toInstant(), row.getInt("consent_reminded"), row.getInt("due")),
					Timestamp.from(now.plus(SpotifyConsent.LAST_REMINDER)), Timestamp.from(now),
					Timestamp.from(now.plus(SpotifyConsent.FIRST_REMINDER)))
			.stream()
			.filter((candidate) -> candidate.stage() > candidate.reminded())
			.toList();
	}

	/** Only the consent the reminder was about: a reconnect meanwhile starts afresh. */
	private void reminded(Due due) {
		this.jdbc.update(
				"UPDATE spotify_tokens SET consent_reminded = GREATEST(consent_reminded, ?)"
						+ " WHERE user_id = ? AND consented_at IS NOT DISTINCT FROM ?",
				due.stage(), due.userId(), due.consentedAt());
	}

	private List<ConsentNotice> notices(List<Due> due) {
		Instant now = this.clock.instant();
		return due.stream()
			.map((notice) -> new ConsentNotice(notice.userId(),
					notice.label() + ((notice.spotifyUserId() != null && !notice.label().equals(notice.spotifyUserId()))
							? " (" + notice.spotifyUserId() + ")" : "") + ", user " + notice.userId(),
					LocalDate.ofInstant(notice.endsAt(), ZoneOffset.UTC),
					new SpotifyConsent(notice.userId(), null, notice.endsAt()).daysLeft(now)))
			.toList();
	}

	private record Due(int userId, String label, String spotifyUserId, Timestamp consentedAt, Instant endsAt,
			int reminded, int stage) {

	}

}
