package org.spotifymcp.shared.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.metrics.MetricNames;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends operator alerts to an optional Slack- or Discord-compatible incoming webhook
 * ({@code ALERT_WEBHOOK_URL}) and to the log. Each {@link AlertKind} is throttled to one
 * message per period (an hour by default) across every instance, through the
 * {@code alert_throttle} table; alerts held back meanwhile are counted and mentioned in
 * the next message. Without a webhook the alert is still logged (WARN, so it lands in the
 * {@code logs} table), once per period.
 *
 * <p>
 * Callers describe what happened; the notifier decides whether and where to send it:
 * {@link #importFailed}, {@link #tokenRevoked}, {@link #jobFailureStreak},
 * {@link #collectorSilent}, {@link #consentEndsSoon}, {@link #consentExpired},
 * {@link #spotifyAppPaused}, or {@link #notify(AlertKind, String)} for a message of one's
 * own. None of them throws: alerting must not break the work that raises it.
 */
public class AlertNotifier {

	private static final Logger logger = LoggerFactory.getLogger(AlertNotifier.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	private final String webhookUrl;

	private final AlertProperties properties;

	private final Clock clock;

	private final String serviceName;

	private final MeterRegistry meters;

	private final HttpClient http;

	public AlertNotifier(JdbcTemplate jdbc, String webhookUrl, AlertProperties properties, Clock clock,
			String serviceName, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.webhookUrl = (webhookUrl == null || webhookUrl.isBlank()) ? null : webhookUrl.trim();
		this.properties = properties;
		this.clock = clock;
		this.serviceName = serviceName;
		this.meters = meters;
		this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout()).build();
	}

	/** An import of an export ended in error. */
	public boolean importFailed(long importJobId, int userId, String error) {
		return notify(AlertKind.IMPORT_FAILURE,
				"Import job " + importJobId + " of user " + userId + " failed: " + shorten(error));
	}

	/** Spotify refused a user's refresh token; the user has to log in again. */
	public boolean tokenRevoked(int userId, String spotifyUserId) {
		return notify(AlertKind.TOKEN_REVOCATION, "Spotify refused the refresh token of user " + userId + " ("
				+ spotifyUserId + "): polling stops until they log in again at /auth/login.");
	}

	/** One or more jobs failed several times in a row. */
	public boolean jobFailureStreak(List<FailureStreak> streaks) {
		StringBuilder message = new StringBuilder();
		for (FailureStreak streak : streaks) {
			message.append(message.isEmpty() ? "" : "\n")
				.append("- ")
				.append(streak.jobType())
				.append((streak.userId() != null) ? " for user " + streak.userId() : "")
				.append(": ")
				.append(streak.failures())
				.append(" failures in a row, last: ")
				.append(shorten(streak.lastError()));
		}
		return notify(AlertKind.JOB_FAILURE_STREAK, message.toString());
	}

	/** No collector job finished for a while although users are waiting to be polled. */
	public boolean collectorSilent(Duration silentFor, int activeUsers, Instant lastFinishedAt) {
		return notify(AlertKind.COLLECTOR_SILENT, "No collector job has finished for " + silentFor.toMinutes()
				+ " minutes (" + ((lastFinishedAt != null) ? "last one at " + lastFinishedAt : "none in the last week")
				+ ") while " + activeUsers
				+ " users are active. Check that a collector runs and can reach the database " + "and Spotify.");
	}

	/**
	 * Listeners whose six-month Spotify consent ends soon; each is listed once per
	 * reminder (14 and 3 days before).
	 */
	public boolean consentEndsSoon(List<ConsentNotice> notices) {
		StringBuilder message = new StringBuilder(
				"These listeners must reconnect Spotify (at /auth/login) or collection stops:");
		for (ConsentNotice notice : notices) {
			message.append("\n- ")
				.append(notice.who())
				.append(": reconnect by ")
				.append(notice.reconnectBy())
				.append(" (")
				.append(notice.daysLeft())
				.append((notice.daysLeft() == 1) ? " day left)" : " days left)");
		}
		return notify(AlertKind.CONSENT_REMINDER, message.toString());
	}

	/** Listeners whose Spotify consent ended: they are reauth_required. */
	public boolean consentExpired(List<ConsentNotice> notices) {
		StringBuilder message = new StringBuilder("Collection stopped until these listeners reconnect Spotify at"
				+ " /auth/login; the time until then is recorded as a coverage gap:");
		for (ConsentNotice notice : notices) {
			message.append("\n- ").append(notice.who()).append(": consent expired on ").append(notice.reconnectBy());
		}
		return notify(AlertKind.CONSENT_EXPIRED, message.toString());
	}

	/** Spotify asked an app to stop calling for a while; every call of it waits. */
	public boolean spotifyAppPaused(String clientId, Instant until, String reason) {
		return notify(AlertKind.SPOTIFY_APP_PAUSED,
				shorten(reason) + ". Every Spotify call with app " + clientId
						+ " (polls, initial syncs, token refreshes, live tools) is paused until " + until
						+ " on every instance; polling resumes by itself then, and plays still within Spotify's"
						+ " 50-play memory are collected.");
	}

	/**
	 * Raises an alert unless one of the same kind went out within the throttle period.
	 * @param kind what it is about
	 * @param message the details, plain text
	 * @return whether the alert went out now (to the webhook, or to the log when none is
	 * set)
	 */
	public boolean notify(AlertKind kind, String message) {
		try {
			Integer heldBack = claim(kind);
			if (heldBack == null) {
				count(kind, "throttled");
				return false;
			}
			String text = "[" + kind.title() + "] " + message + ((heldBack > 0)
					? "\n(" + heldBack + " more alerts of this kind held back since the last one)" : "");
			logger.warn("alert {}: {}", kind.key(), text);
			if (this.webhookUrl == null) {
				count(kind, "logged");
				return true;
			}
			if (post(kind, text)) {
				count(kind, "sent");
				return true;
			}
			release(kind);
			count(kind, "failed");
			return false;
		}
		catch (RuntimeException ex) {
			logger.warn("alert {} could not be raised: {}", kind.key(), ex.toString());
			count(kind, "failed");
			return false;
		}
	}

	/**
	 * Takes the kind's turn if its last alert is older than the throttle period.
	 * @return the number of alerts held back since the last one, or {@code null} when
	 * this alert must be held back too
	 */
	private Integer claim(AlertKind kind) {
		Instant now = this.clock.instant();
		Timestamp cutoff = Timestamp.from(now.minus(this.properties.throttle()));
		List<Integer> claimed = this.jdbc.queryForList("""
				with previous as (select suppressed from alert_throttle where kind = ?)
				insert into alert_throttle as t (kind, last_sent_at, suppressed) values (?, ?, 0)
				on conflict (kind) do update set last_sent_at = excluded.last_sent_at, suppressed = 0
				where t.last_sent_at <= ?
				returning coalesce((select suppressed from previous), 0)
				""", Integer.class, kind.key(), kind.key(), Timestamp.from(now), cutoff);
		if (!claimed.isEmpty()) {
			return claimed.get(0);
		}
		this.jdbc.update("update alert_throttle set suppressed = suppressed + 1 where kind = ?", kind.key());
		return null;
	}

	/** A webhook that failed gets the next alert of this kind without waiting. */
	private void release(AlertKind kind) {
		this.jdbc.update("update alert_throttle set last_sent_at = '-infinity' where kind = ?", kind.key());
	}

	private boolean post(AlertKind kind, String text) {
		// "text" is what Slack (and Mattermost, Rocket.Chat) read, "content" what Discord
		// reads.
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("text", text);
		payload.put("content", text);
		payload.put("username", "Spotify MCP (" + this.serviceName + ")");
		payload.put("kind", kind.key());
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.webhookUrl))
				.timeout(this.properties.webhookTimeout())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload)))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 == 2) {
				return true;
			}
			logger.warn("alert webhook answered {} for {}: {}", response.statusCode(), kind.key(),
					shorten(response.body()));
			return false;
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.warn("alert webhook unreachable for {}: {}", kind.key(), ex.toString());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void count(AlertKind kind, String outcome) {
		if (this.meters != null) {
			Counter.builder(MetricNames.ALERTS)
				.description("Alerts raised, by kind and outcome (sent, logged, throttled, failed)")
				.tag("kind", kind.key())
				.tag("outcome", outcome)
				.register(this.meters)
				.increment();
		}
	}

	private static String shorten(String text) {
		if (text == null) {
			return "(no message)";
		}
		String oneLine = text.strip().replaceAll("\\s+", " ");
		return (oneLine.length() > 300) ? oneLine.substring(0, 297) + "..." : oneLine;
	}

	/**
	 * One job failing again and again.
	 *
	 * @param jobType the job type in {@code job_runs}
	 * @param userId the user it works for, or {@code null} for global jobs
	 * @param failures failed runs in a row
	 * @param lastError the last run's error message
	 */
	public record FailureStreak(String jobType, Integer userId, int failures, String lastError) {

	}

	/**
	 * One listener in a consent alert.
	 *
	 * @param userId the user
	 * @param who the user as people know them (name, Spotify id and number)
	 * @param reconnectBy the day the consent ends (UTC)
	 * @param daysLeft whole days left, 0 or less once it ended
	 */
	public record ConsentNotice(int userId, String who, java.time.LocalDate reconnectBy, long daysLeft) {

	}

}
