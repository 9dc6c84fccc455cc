package org.spotifymcp.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How an emulator behaves. Start from {@link #defaults()} (tests: random port, frozen
 * clock at {@link #DEFAULT_START}) or {@link #fromEnvironment(Map)} (standalone) and
 * change single settings with the {@code with…} methods.
 *
 * @param host address to bind, loopback by default
 * @param port port to bind; 0 picks a free one
 * @param userCount generated users {@code listener00001} … (created lazily)
 * @param seed seed of the catalog, the timelines and fault probabilities
 * @param clientId the only client id accepted
 * @param clientSecret its secret
 * @param startAt initial "now"; {@code null} means the real current time
 * @param clockTicking whether the clock follows real time (standalone) or stays frozen
 * until moved (tests)
 * @param accessTokenLifetime {@code expires_in} of access tokens
 * @param rotateRefreshTokens whether every refresh returns a new refresh token and
 * invalidates the old one
 * @param historyDays days of generated history before the initial "now"
 * @param playsPerDay average generated plays per day of generated users
 * @param legacyFields whether to serve fields Spotify removed for development-mode apps
 * (popularity, followers, user e-mail and country)
 * @param faults faults active from the start
 * @param threads HTTP worker threads
 * @param cachedDays how many generated user-days stay in memory
 * @param stateFile where tokens, added users, appended plays and the clock are kept so a
 * restarted emulator carries on where the last one stopped (see {@link StateFile});
 * {@code null} keeps everything in memory only
 */
public record EmulatorSettings(String host, int port, int userCount, long seed, String clientId, String clientSecret,
		Instant startAt, boolean clockTicking, Duration accessTokenLifetime, boolean rotateRefreshTokens,
		int historyDays, int playsPerDay, boolean legacyFields, List<Fault> faults, int threads, int cachedDays,
		Path stateFile) {

	/** Client id the emulator accepts by default; the demo configuration uses it. */
	public static final String DEMO_CLIENT_ID = "spotify-mcp-demo-client";

	/** Client secret the emulator accepts by default; the demo configuration uses it. */
	public static final String DEMO_CLIENT_SECRET = "spotify-mcp-demo-secret";

	/** The frozen "now" of {@link #defaults()}: a Monday noon, UTC. */
	public static final Instant DEFAULT_START = Instant.parse("2026-03-02T12:00:00Z");

	public EmulatorSettings {
		faults = List.copyOf(faults);
		if (userCount < 0 || historyDays < 0 || playsPerDay < 0 || threads < 1 || cachedDays < 1) {
			throw new IllegalArgumentException("emulator settings must not be negative");
		}
	}

	/** For tests: random port, 3 users, frozen clock at {@link #DEFAULT_START}. */
	public static EmulatorSettings defaults() {
		return new EmulatorSettings("127.0.0.1", 0, 3, 42L, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEFAULT_START, false,
				Duration.ofHours(1), false, 30, 40, false, List.of(), 16, 20_000, null);
	}

	/**
	 * For standalone runs. Variables (all optional): {@code EMULATOR_HOST} (127.0.0.1),
	 * {@code EMULATOR_PORT} (8090), {@code EMULATOR_USERS} (5), {@code EMULATOR_SEED}
	 * (42), {@code EMULATOR_CLIENT_ID} / {@code EMULATOR_CLIENT_SECRET} (the demo
	 * values), {@code EMULATOR_START} (ISO instant; default: real now),
	 * {@code EMULATOR_CLOCK} ({@code ticking} or {@code frozen}),
	 * {@code EMULATOR_TOKEN_LIFETIME_SECONDS} (3600),
	 * {@code EMULATOR_ROTATE_REFRESH_TOKENS} (false), {@code EMULATOR_HISTORY_DAYS} (30),
	 * {@code EMULATOR_PLAYS_PER_DAY} (40), {@code EMULATOR_LEGACY_FIELDS} (false),
	 * {@code EMULATOR_FAULTS} (see {@link Fault}), {@code EMULATOR_THREADS} (32),
	 * {@code EMULATOR_STATE_FILE} (none: state is kept in memory only).
	 * @param env variables (usually the process environment merged with arguments)
	 * @return the settings
	 */
	public static EmulatorSettings fromEnvironment(Map<String, String> env) {
		EmulatorSettings d = defaults();
		String start = env.get("EMULATOR_START");
		String stateFile = env.get("EMULATOR_STATE_FILE");
		return new EmulatorSettings(env.getOrDefault("EMULATOR_HOST", "127.0.0.1"),
				Integer.parseInt(env.getOrDefault("EMULATOR_PORT", "8090")),
				Integer.parseInt(env.getOrDefault("EMULATOR_USERS", "5")),
				Long.parseLong(env.getOrDefault("EMULATOR_SEED", "42")),
				env.getOrDefault("EMULATOR_CLIENT_ID", DEMO_CLIENT_ID),
				env.getOrDefault("EMULATOR_CLIENT_SECRET", DEMO_CLIENT_SECRET),
				(start == null || start.isBlank()) ? null : Instant.parse(start),
				!"frozen".equalsIgnoreCase(env.getOrDefault("EMULATOR_CLOCK", "ticking")),
				Duration.ofSeconds(Long.parseLong(env.getOrDefault("EMULATOR_TOKEN_LIFETIME_SECONDS", "3600"))),
				Boolean.parseBoolean(env.getOrDefault("EMULATOR_ROTATE_REFRESH_TOKENS", "false")),
				Integer.parseInt(env.getOrDefault("EMULATOR_HISTORY_DAYS", String.valueOf(d.historyDays()))),
				Integer.parseInt(env.getOrDefault("EMULATOR_PLAYS_PER_DAY", String.valueOf(d.playsPerDay()))),
				Boolean.parseBoolean(env.getOrDefault("EMULATOR_LEGACY_FIELDS", "false")),
				Fault.parse(env.get("EMULATOR_FAULTS")), Integer.parseInt(env.getOrDefault("EMULATOR_THREADS", "32")),
				Integer.parseInt(env.getOrDefault("EMULATOR_CACHED_DAYS", "20000")),
				(stateFile == null || stateFile.isBlank()) ? null : Path.of(stateFile));
	}

	public EmulatorSettings withPort(int newPort) {
		return new EmulatorSettings(this.host, newPort, this.userCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, this.legacyFields, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withUserCount(int newUserCount) {
		return new EmulatorSettings(this.host, this.port, newUserCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, this.legacyFields, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withSeed(long newSeed) {
		return new EmulatorSettings(this.host, this.port, this.userCount, newSeed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, this.legacyFields, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withClient(String newClientId, String newClientSecret) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, newClientId, newClientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, this.legacyFields, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withClock(Instant newStartAt, boolean ticking) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, this.clientId, this.clientSecret,
				newStartAt, ticking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, this.legacyFields, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withAccessTokenLifetime(Duration lifetime) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, lifetime, this.rotateRefreshTokens, this.historyDays, this.playsPerDay,
				this.legacyFields, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withRotateRefreshTokens(boolean rotate) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, rotate, this.historyDays, this.playsPerDay,
				this.legacyFields, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withHistory(int days, int perDay) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, days, perDay,
				this.legacyFields, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withLegacyFields(boolean legacy) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, legacy, this.faults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withFaults(List<Fault> newFaults) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, this.legacyFields, newFaults, this.threads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withThreads(int newThreads) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, this.legacyFields, this.faults, newThreads, this.cachedDays, this.stateFile);
	}

	public EmulatorSettings withStateFile(Path file) {
		return new EmulatorSettings(this.host, this.port, this.userCount, this.seed, this.clientId, this.clientSecret,
				this.startAt, this.clockTicking, this.accessTokenLifetime, this.rotateRefreshTokens, this.historyDays,
				this.playsPerDay, this.legacyFields, this.faults, this.threads, this.cachedDays, file);
	}

}
