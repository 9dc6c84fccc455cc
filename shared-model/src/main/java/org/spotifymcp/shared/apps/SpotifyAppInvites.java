package org.spotifymcp.shared.apps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageOf;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Invite links for new listeners: {@code /auth/login?invite=TOKEN} runs the Spotify login
 * against the invite's app and attaches the listener to it. The token is random, shown
 * once, and only its SHA-256 is stored; an invite admits one login before it expires (an
 * invite also admits a listener missing from {@code ALLOWED_SPOTIFY_USER_IDS}).
 */
public class SpotifyAppInvites {

	/** How long an invite lasts unless the admin says otherwise. */
	public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

	/** The longest an invite may last. */
	public static final Duration MAX_VALIDITY = Duration.ofDays(30);

	private static final Logger logger = LoggerFactory.getLogger(SpotifyAppInvites.class);

	private static final String VIEW = """
			SELECT i.id, i.spotify_app_id, a.label, i.note, i.created_at, i.expires_at, i.used_at, i.used_by_user_id,
			       i.revoked_at
			  FROM spotify_app_invites i LEFT JOIN spotify_apps a ON a.id = i.spotify_app_id
			""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public SpotifyAppInvites(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Where an invite stands. */
	public enum State {

		/** Can be used. */
		OPEN,
		/** A login used it. */
		USED,
		/** Its time ran out. */
		EXPIRED,
		/** The admin withdrew it. */
		REVOKED,
		/** No invite has this token. */
		UNKNOWN;

		/** The lower-case name used in JSON and pages. */
		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * An invite as the admin sees it; never its token.
	 *
	 * @param id the invite's id
	 * @param appId the app the login runs against, {@code null} for the default app
	 * @param appLabel that app's label
	 * @param note what the admin noted (whom it is for)
	 * @param createdAt when it was made
	 * @param expiresAt when it stops working
	 * @param usedAt when a login used it
	 * @param usedByUserId the user that login connected
	 * @param revokedAt when the admin withdrew it
	 * @param state where it stands now
	 */
	public record InviteView(long id, Integer appId, String appLabel, String note, Instant createdAt, Instant expiresAt,
			Instant usedAt, Integer usedByUserId, Instant revokedAt, State state) {

	}

	/**
	 * A new invite with its token, which exists only in this answer.
	 *
	 * @param invite the stored invite
	 * @param token the secret part of the link
	 */
	public record CreatedInvite(InviteView invite, String token) {

		@Override
		public String toString() {
			return "CreatedInvite[" + this.invite + "]";
		}

	}

	/**
	 * What a presented token is worth.
	 *
	 * @param state where the invite stands ({@link State#UNKNOWN} for no invite)
	 * @param inviteId the invite, {@code null} when unknown
	 * @param appId its app, {@code null} for the default app
	 */
	public record Lookup(State state, Long inviteId, Integer appId) {

		public boolean usable() {
			return this.state == State.OPEN;
		}

	}

	/**
	 * Creates an invite.
	 * @param appId the app, {@code null} for the default app
	 * @param validFor how long it lasts, {@code null} for {@link #DEFAULT_VALIDITY}
	 * @param note whom it is for, optional
	 * @throws InvalidFilterException naming {@code expires_in_hours} or {@code note}
	 * @throws NotFoundException for an unknown app
	 */
	public CreatedInvite create(Integer appId, Duration validFor, String note) {
		Duration validity = (validFor != null) ? validFor : DEFAULT_VALIDITY;
		if (validity.compareTo(Duration.ofHours(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
			throw new InvalidFilterException("expires_in_hours",
					"must be between 1 and " + MAX_VALIDITY.toHours() + " hours");
		}
		if (note != null && note.length() > 200) {
			throw new InvalidFilterException("note", "must be at most 200 characters");
		}
		if (appId != null && this.jdbc.queryForObject("SELECT count(*) FROM spotify_apps WHERE id = ?", Integer.class,
				appId) == 0) {
			throw new NotFoundException("Spotify app", appId);
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = this.clock.instant();
		Long id = this.jdbc.queryForObject(
				"INSERT INTO spotify_app_invites (token_hash, spotify_app_id, note, created_at, expires_at)"
						+ " VALUES (?, ?, ?, ?, ?) RETURNING id",
				Long.class, hash(token), appId, (note != null && !note.isBlank()) ? note.strip() : null,
				Timestamp.from(now), Timestamp.from(now.plus(validity)));
		logger.info(LogEvents.PERSIST, "invite {} created for Spotify app {}, valid until {}", id,
				(appId != null) ? appId : "default", now.plus(validity));
		return new CreatedInvite(get(id), token);
	}

	/** Invites, newest first. */
	public PageOf<InviteView> list(PageRequest page) {
		List<InviteView> items = this.jdbc.query(VIEW + " ORDER BY i.id DESC LIMIT ? OFFSET ?", (row, i) -> view(row),
				page.size(), page.offset());
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM spotify_app_invites", Long.class);
		return new PageOf<>(items, page.page(), page.size(), (total != null) ? total : 0);
	}

	/** One invite, or 404. */
	public InviteView get(long id) {
		return this.jdbc.query(VIEW + " WHERE i.id = ?", (row, i) -> view(row), id)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("invite", id));
	}

	/**
	 * Withdraws an invite so its link stops working.
	 * @throws ActionRefusedException when a login already used it
	 */
	public InviteView revoke(long id) {
		InviteView invite = get(id);
		if (invite.usedAt() != null) {
			throw new ActionRefusedException("invite " + id + " was already used by user " + invite.usedByUserId());
		}
		this.jdbc.update("UPDATE spotify_app_invites SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
				Timestamp.from(this.clock.instant()), id);
		return get(id);
	}

	/** What a token from a link is worth now. */
	public Lookup lookup(String token) {
		if (token == null || token.isBlank() || token.length() > 200) {
			return new Lookup(State.UNKNOWN, null, null);
		}
		Optional<InviteView> invite = this.jdbc
			.query(VIEW + " WHERE i.token_hash = ?", (row, i) -> view(row), hash(token.strip()))
			.stream()
			.findFirst();
		return invite.map((found) -> new Lookup(found.state(), found.id(), found.appId()))
			.orElseGet(() -> new Lookup(State.UNKNOWN, null, null));
	}

	/**
	 * Uses an invite for a login, atomically: of two logins racing with one link only one
	 * wins. Call inside the login's transaction.
	 * @return whether the invite was open and is now used by {@code userId}
	 */
	public boolean redeem(long inviteId, int userId) {
		Instant now = this.clock.instant();
		return this.jdbc.update(
				"UPDATE spotify_app_invites SET used_at = ?, used_by_user_id = ? WHERE id = ? AND used_at IS NULL"
						+ " AND revoked_at IS NULL AND expires_at > ?",
				Timestamp.from(now), userId, inviteId, Timestamp.from(now)) == 1;
	}

	private InviteView view(ResultSet row) throws SQLException {
		Instant expiresAt = row.getTimestamp(6).toInstant();
		Instant usedAt = instant(row, 7);
		Instant revokedAt = instant(row, 9);
		State state = (usedAt != null) ? State.USED : (revokedAt != null) ? State.REVOKED
				: !expiresAt.isAfter(this.clock.instant()) ? State.EXPIRED : State.OPEN;
		return new InviteView(row.getLong(1), (Integer) row.getObject(2), row.getString(3), row.getString(4),
				row.getTimestamp(5).toInstant(), expiresAt, usedAt, (Integer) row.getObject(8), revokedAt, state);
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
