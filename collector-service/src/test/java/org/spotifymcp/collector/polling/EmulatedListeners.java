package org.spotifymcp.collector.polling;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.spotifymcp.emulator.EmulatedPlay;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.spotify.SpotifyTokenStore;
import org.spotifymcp.shared.testing.TestDatabase;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Test support: users who listen on the embedded Spotify emulator and are connected to
 * the collector, and the comparison of what was collected with the emulator's truth.
 */
public final class EmulatedListeners {

	private final SpotifyEmulator emulator;

	private final UserRepository users;

	private final SpotifyTokenStore tokens;

	private final JdbcTemplate jdbc;

	public EmulatedListeners(SpotifyEmulator emulator, UserRepository users, SpotifyTokenStore tokens,
			JdbcTemplate jdbc) {
		this.emulator = emulator;
		this.users = users;
		this.tokens = tokens;
		this.jdbc = jdbc;
	}

	/**
	 * An emulator without generated users, its clock at
	 * {@link EmulatorSettings#DEFAULT_START}.
	 */
	public static SpotifyEmulator startEmulator(boolean ticking) {
		return SpotifyEmulator
			.start(EmulatorSettings.defaults().withUserCount(0).withClock(EmulatorSettings.DEFAULT_START, ticking));
	}

	/**
	 * A fresh database, Spotify pointed at the emulator, an impatient Spotify client
	 * (short timeouts and backoffs) so injected faults cost milliseconds.
	 */
	public static void register(DynamicPropertyRegistry registry, SpotifyEmulator emulator) {
		TestDatabase.register(registry);
		registry.add("app.spotify.client-id", () -> EmulatorSettings.DEMO_CLIENT_ID);
		registry.add("app.spotify.client-secret", () -> EmulatorSettings.DEMO_CLIENT_SECRET);
		registry.add("app.spotify.accounts-base-url", emulator::baseUrl);
		registry.add("app.spotify.api-base-url", emulator::baseUrl);
		registry.add("app.spotify.client.max-attempts", () -> "3");
		registry.add("app.spotify.client.initial-backoff", () -> "10ms");
		registry.add("app.spotify.client.max-backoff", () -> "50ms");
		registry.add("app.spotify.client.max-retry-after", () -> "1s");
		registry.add("app.spotify.client.read-timeout", () -> "500ms");
		registry.add("app.collector.spotify-requests-per-second", () -> "1000");
		registry.add("app.logs.database-sink", () -> "false");
	}

	/**
	 * A scripted emulator user, linked in our database with fresh tokens.
	 * @return our user id
	 */
	public int connect(String spotifyId) {
		this.emulator.addUser(FakeUser.scriptedOnly(spotifyId, spotifyId));
		User user = this.users.save(new User(spotifyId, spotifyId, "UTC"));
		IssuedTokens issued = this.emulator.issueTokens(spotifyId);
		this.tokens.saveLogin(user.getId(), issued.accessToken(), issued.refreshToken(),
				this.emulator.now().plus(issued.expiresIn()), issued.scope());
		return user.getId();
	}

	/**
	 * Plays every {@code spacing}, the first at {@code first} (cut to milliseconds, as
	 * Spotify reports them).
	 */
	public List<EmulatedPlay> listen(String spotifyId, Instant first, int count, Duration spacing) {
		return this.emulator.appendPlays(spotifyId, first.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), count,
				spacing);
	}

	/** What we collected for a user: "played_at track", sorted. */
	public List<String> collected(int userId) {
		return this.jdbc
			.query("SELECT p.played_at, t.spotify_id FROM plays p JOIN tracks t ON t.id = p.track_id"
					+ " WHERE p.user_id = ?", (row, i) -> row.getTimestamp(1).toInstant() + " " + row.getString(2),
					userId)
			.stream()
			.sorted()
			.toList();
	}

	/** The emulator's truth for plays in {@code (from, to]}, in the same form. */
	public List<String> truth(String spotifyId, Instant fromExclusive, Instant toInclusive) {
		return this.emulator.plays(spotifyId, fromExclusive, toInclusive)
			.stream()
			.map((play) -> play.playedAt() + " " + play.trackId())
			.sorted()
			.toList();
	}

	public List<String> truth(String spotifyId) {
		return truth(spotifyId, Instant.EPOCH, this.emulator.now());
	}

	public String checkpointStatus(int userId) {
		return this.jdbc.queryForObject("SELECT status FROM sync_checkpoints WHERE user_id = ?", String.class, userId);
	}

	public long jobRuns(int userId, String type) {
		return this.jdbc.queryForObject("SELECT count(*) FROM job_runs WHERE user_id = ? AND job_type = ?", Long.class,
				userId, type);
	}

	public void setStatus(int userId, String status) {
		this.jdbc.update("UPDATE sync_checkpoints SET status = ? WHERE user_id = ?", status, userId);
	}

	public static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}
