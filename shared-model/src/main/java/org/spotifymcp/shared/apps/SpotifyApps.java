package org.spotifymcp.shared.apps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageOf;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.config.SpotifyProperties;
import org.spotifymcp.shared.crypto.TokenCipher;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Spotify apps of {@code spotify_apps} and which users go through which. A
 * development-mode app serves at most {@link #DEVELOPMENT_MODE_USERS} users, so larger
 * installs register more apps and attach users to them; every other user goes through the
 * default app of {@code SPOTIFY_CLIENT_ID}. {@link #forUser} is the one place the Spotify
 * client, the login and the live tools learn which credentials to use. Client secrets are
 * stored encrypted with the {@link TokenCipher}, like refresh tokens, and never leave
 * this class except to talk to Spotify.
 */
public class SpotifyApps {

	/** Users a development-mode Spotify app may have since February 2026. */
	public static final int DEVELOPMENT_MODE_USERS = 5;

	private static final Logger logger = LoggerFactory.getLogger(SpotifyApps.class);

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private static final String VIEW = """
			SELECT a.id, a.label, a.client_id, a.created_at, a.secret_rotated_at,
			       (SELECT count(*) FROM users u WHERE u.spotify_app_id = a.id) AS users,
			       (SELECT count(*) FROM users u JOIN spotify_tokens t ON t.user_id = u.id
			         WHERE u.spotify_app_id = a.id) AS connected,
			       (SELECT p.paused_until FROM spotify_app_pauses p
			         WHERE p.client_id = a.client_id AND p.paused_until > ?) AS paused_until
			  FROM spotify_apps a
			""";

	private final JdbcTemplate jdbc;

	private final TokenCipher cipher;

	private final SpotifyProperties spotify;

	private final Clock clock;

	private final TransactionTemplate transactions;

	public SpotifyApps(JdbcTemplate jdbc, TokenCipher cipher, SpotifyProperties spotify, Clock clock,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.spotify = spotify;
		this.clock = clock;
		this.transactions = transactions;
	}

	/**
	 * An app as the admin sees it; never its secret.
	 *
	 * @param id the app's id
	 * @param label what the admin calls it
	 * @param clientId Spotify's client id
	 * @param createdAt when it was added
	 * @param secretRotatedAt when its secret was last replaced, if ever
	 * @param users users attached to it
	 * @param connectedUsers of those, the ones who authorized it (count against Spotify's
	 * cap)
	 * @param pausedUntil end of a running quota pause of the app, if any
	 */
	public record AppView(int id, String label, String clientId, Instant createdAt, Instant secretRotatedAt, int users,
			int connectedUsers, Instant pausedUntil) {

	}

	/**
	 * How many users one app serves, for the dashboard's comparison with the cap.
	 *
	 * @param appId the app, {@code null} for the default app
	 * @param label its label ("Default app (SPOTIFY_CLIENT_ID)" for the default)
	 * @param clientId its client id
	 * @param connectedUsers users holding a Spotify token issued through it
	 */
	public record AppUsage(Integer appId, String label, String clientId, int connectedUsers) {

		/** Spotify's development-mode cap, for pages. */
		public int cap() {
			return DEVELOPMENT_MODE_USERS;
		}

		/** At the development-mode cap: one more user cannot be served. */
		public boolean atCap() {
			return this.connectedUsers == DEVELOPMENT_MODE_USERS;
		}

		/** Over the cap: Spotify refuses the extra users' calls in development mode. */
		public boolean overCap() {
			return this.connectedUsers > DEVELOPMENT_MODE_USERS;
		}

		/** Share of the cap in percent, at most 100, for a bar. */
		public int percentOfCap() {
			return Math.min(100, this.connectedUsers * 100 / DEVELOPMENT_MODE_USERS);
		}

	}

	/**
	 * The result of attaching a user to an app (or to the default app).
	 *
	 * @param userId the user
	 * @param appId the app now, {@code null} for the default app
	 * @param reconnectRequired whether the user's stored token came from another app and
	 * they must connect again (through an invite for their new app)
	 */
	public record Attachment(int userId, Integer appId, boolean reconnectRequired) {

	}

	/** The default app of {@code SPOTIFY_CLIENT_ID} / {@code SPOTIFY_CLIENT_SECRET}. */
	public SpotifyAppCredentials defaultApp() {
		return new SpotifyAppCredentials(null, this.spotify.clientId(), blankToNull(this.spotify.clientSecret()));
	}

	/**
	 * The credentials every Spotify call for this user uses: their app's, or the default
	 * app's when none is attached (or the user is unknown).
	 */
	public SpotifyAppCredentials forUser(int userId) {
		List<SpotifyAppCredentials> attached = this.jdbc.query(
				"SELECT a.id, a.client_id, a.client_secret_encrypted FROM users u"
						+ " JOIN spotify_apps a ON a.id = u.spotify_app_id WHERE u.id = ?",
				(row, i) -> credentials(row), userId);
		return attached.isEmpty() ? defaultApp() : attached.get(0);
	}

	/** The app a user is attached to, {@code null} for the default app. */
	public Integer appIdOf(int userId) {
		List<Integer> app = this.jdbc.query("SELECT spotify_app_id FROM users WHERE id = ?",
				(row, i) -> (Integer) row.getObject(1), userId);
		return app.isEmpty() ? null : app.get(0);
	}

	/** The credentials of one app, if it exists. */
	public Optional<SpotifyAppCredentials> credentials(int appId) {
		return this.jdbc
			.query("SELECT id, client_id, client_secret_encrypted FROM spotify_apps WHERE id = ?",
					(row, i) -> credentials(row), appId)
			.stream()
			.findFirst();
	}

	/** Every app, oldest first. */
	public PageOf<AppView> list(PageRequest page) {
		Timestamp now = Timestamp.from(this.clock.instant());
		List<AppView> items = this.jdbc.query(VIEW + " ORDER BY a.id LIMIT ? OFFSET ?", (row, i) -> view(row), now,
				page.size(), page.offset());
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM spotify_apps", Long.class);
		return new PageOf<>(items, page.page(), page.size(), (total != null) ? total : 0);
	}

	/** One app, or 404. */
	public AppView get(int appId) {
		return this.jdbc
			.query(VIEW + " WHERE a.id = ?", (row, i) -> view(row), Timestamp.from(this.clock.instant()), appId)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Spotify app", appId));
	}

	/**
	 * Adds an app.
	 * @throws InvalidFilterException naming {@code label}, {@code client_id} or
	 * {@code client_secret} when one is missing or malformed
	 * @throws ActionRefusedException when the client id is already known
	 */
	public AppView add(String label, String clientId, String clientSecret) {
		String cleanLabel = requireLabel(label);
		String cleanClientId = requireClientId(clientId);
		String secret = requireSecret(clientSecret);
		if (cleanClientId.equals(this.spotify.clientId())) {
			throw new ActionRefusedException("client id " + cleanClientId
					+ " is the default app (SPOTIFY_CLIENT_ID); users without an app already use it");
		}
		Integer id;
		try {
			id = this.jdbc.queryForObject(
					"INSERT INTO spotify_apps (label, client_id, client_secret_encrypted, created_at) VALUES (?, ?, ?, ?)"
							+ " RETURNING id",
					Integer.class, cleanLabel, cleanClientId, this.cipher.encrypt(secret),
					Timestamp.from(this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			throw new ActionRefusedException("a Spotify app with client id " + cleanClientId + " already exists");
		}
		logger.info(LogEvents.PERSIST, "Spotify app {} ({}) added", id, cleanClientId);
		return get(id);
	}

	/**
	 * Replaces the app's client secret (after "Rotate client secret" in Spotify's
	 * dashboard); the users' tokens stay valid.
	 */
	public AppView rotateSecret(int appId, String clientSecret) {
		String secret = requireSecret(clientSecret);
		int updated = this.jdbc.update(
				"UPDATE spotify_apps SET client_secret_encrypted = ?, secret_rotated_at = ? WHERE id = ?",
				this.cipher.encrypt(secret), Timestamp.from(this.clock.instant()), appId);
		if (updated == 0) {
			throw new NotFoundException("Spotify app", appId);
		}
		logger.info(LogEvents.PERSIST, "Spotify app {}: client secret rotated", appId);
		return get(appId);
	}

	/** Renames the app. */
	public AppView rename(int appId, String label) {
		if (this.jdbc.update("UPDATE spotify_apps SET label = ? WHERE id = ?", requireLabel(label), appId) == 0) {
			throw new NotFoundException("Spotify app", appId);
		}
		return get(appId);
	}

	/**
	 * Removes an app and its invites.
	 * @throws ActionRefusedException while users are attached: their tokens were issued
	 * to this app, so they must be moved (detached) first
	 */
	public void remove(int appId) {
		AppView app = get(appId);
		if (app.users() > 0) {
			throw new ActionRefusedException("Spotify app " + appId + " still has " + app.users()
					+ " attached user(s); detach them (or attach them to another app) first");
		}
		this.jdbc.update("DELETE FROM spotify_apps WHERE id = ?", appId);
		logger.info(LogEvents.PERSIST, "Spotify app {} ({}) removed", appId, app.clientId());
	}

	/**
	 * Attaches a user to an app, or to the default app with {@code appId == null}. A user
	 * whose stored token was issued through another app cannot refresh it with the new
	 * app's credentials (Spotify binds a refresh token to its client), so their token is
	 * marked revoked and they are {@code reauth_required} until they connect again.
	 * @throws NotFoundException for an unknown user or app
	 */
	public Attachment attach(int userId, Integer appId) {
		if (appId != null) {
			get(appId);
		}
		return this.transactions.execute((status) -> {
			List<Integer> current = this.jdbc.query("SELECT spotify_app_id FROM users WHERE id = ? FOR UPDATE",
					(row, i) -> (Integer) row.getObject(1), userId);
			if (current.isEmpty()) {
				throw new NotFoundException("user", userId);
			}
			Integer before = current.get(0);
			if (java.util.Objects.equals(before, appId)) {
				return new Attachment(userId, appId, false);
			}
			this.jdbc.update("UPDATE users SET spotify_app_id = ?, updated_at = ? WHERE id = ?", appId,
					Timestamp.from(this.clock.instant()), userId);
			boolean reconnect = this.jdbc.update(
					"UPDATE spotify_tokens SET status = 'revoked', access_token_encrypted = NULL, updated_at = ?"
							+ " WHERE user_id = ? AND status = 'valid'",
					Timestamp.from(this.clock.instant()), userId) > 0;
			if (reconnect) {
				this.jdbc.update("INSERT INTO sync_checkpoints (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING",
						userId);
				this.jdbc.update(
						"UPDATE sync_checkpoints SET status = 'reauth_required', next_poll_at = NULL, last_error = ?,"
								+ " updated_at = ? WHERE user_id = ?",
						"moved to Spotify app " + ((appId != null) ? appId : "default")
								+ ": the listener must reconnect through an invite link for that app",
						Timestamp.from(this.clock.instant()), userId);
			}
			logger.info(LogEvents.PERSIST, "user {} moved from Spotify app {} to {}{}", userId, name(before),
					name(appId), reconnect ? "; they must reconnect" : "");
			return new Attachment(userId, appId, reconnect);
		});
	}

	/**
	 * Records the app a login just ran through, with the tokens it brought: no reconnect
	 * needed. Call inside the login's transaction.
	 */
	public void connectedThrough(int userId, Integer appId) {
		this.jdbc.update("UPDATE users SET spotify_app_id = ? WHERE id = ? AND spotify_app_id IS DISTINCT FROM ?",
				appId, userId, appId);
	}

	/**
	 * Users per app with the default app first, for the dashboard: connected users
	 * (holding a token) count against Spotify's development-mode cap.
	 */
	public List<AppUsage> usage() {
		List<AppUsage> usage = new ArrayList<>();
		Integer defaultUsers = this.jdbc.queryForObject(
				"SELECT count(*) FROM users u JOIN spotify_tokens t ON t.user_id = u.id WHERE u.spotify_app_id IS NULL",
				Integer.class);
		usage.add(new AppUsage(null, "Default app (SPOTIFY_CLIENT_ID)", this.spotify.clientId(),
				(defaultUsers != null) ? defaultUsers : 0));
		usage.addAll(this.jdbc.query("""
				SELECT a.id, a.label, a.client_id,
				       (SELECT count(*) FROM users u JOIN spotify_tokens t ON t.user_id = u.id
				         WHERE u.spotify_app_id = a.id)
				  FROM spotify_apps a ORDER BY a.id
				""", (row, i) -> new AppUsage(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4))));
		return usage;
	}

	/** The users attached to an app, as (id, display name or Spotify id). */
	public List<AttachedUser> attachedUsers(int appId) {
		return this.jdbc
			.query("SELECT u.id, coalesce(u.display_name, u.spotify_user_id, 'user ' || u.id), EXISTS (SELECT 1 FROM"
					+ " spotify_tokens t WHERE t.user_id = u.id) FROM users u WHERE u.spotify_app_id = ? ORDER BY u.id",
					(row, i) -> new AttachedUser(row.getInt(1), row.getString(2), row.getBoolean(3)), appId);
	}

	/**
	 * A user attached to an app.
	 *
	 * @param id the user's id
	 * @param name display name, Spotify id or "user N"
	 * @param connected whether they hold a Spotify token
	 */
	public record AttachedUser(int id, String name, boolean connected) {

	}

	private SpotifyAppCredentials credentials(ResultSet row) throws SQLException {
		return new SpotifyAppCredentials(row.getInt(1), row.getString(2), this.cipher.decrypt(row.getString(3)));
	}

	private static AppView view(ResultSet row) throws SQLException {
		Timestamp rotated = row.getTimestamp(5);
		Timestamp paused = row.getTimestamp(8);
		return new AppView(row.getInt(1), row.getString(2), row.getString(3), row.getTimestamp(4).toInstant(),
				(rotated != null) ? rotated.toInstant() : null, row.getInt(6), row.getInt(7),
				(paused != null) ? paused.toInstant() : null);
	}

	private static String name(Integer appId) {
		return (appId != null) ? String.valueOf(appId) : "default";
	}

	private static String requireLabel(String label) {
		if (label == null || label.isBlank()) {
			throw new InvalidFilterException("label", "is required");
		}
		if (label.strip().length() > 100) {
			throw new InvalidFilterException("label", "must be at most 100 characters");
		}
		return label.strip();
	}

	private static String requireClientId(String clientId) {
		if (clientId == null || clientId.isBlank()) {
			throw new InvalidFilterException("client_id", "is required");
		}
		if (!CLIENT_ID.matcher(clientId.strip()).matches()) {
			throw new InvalidFilterException("client_id",
					"must be the app's client id from Spotify's developer dashboard (letters, digits, . _ -)");
		}
		return clientId.strip();
	}

	private static String requireSecret(String secret) {
		if (secret == null || secret.isBlank()) {
			throw new InvalidFilterException("client_secret", "is required");
		}
		if (secret.strip().length() > 200 || !secret.strip().chars().allMatch((c) -> c > 32 && c < 127)) {
			throw new InvalidFilterException("client_secret",
					"must be the app's client secret (at most 200 printable characters, no spaces)");
		}
		return secret.strip();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
