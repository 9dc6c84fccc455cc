package org.spotifymcp.shared.spotify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spotifymcp.emulator.EmulatedPlay;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.Fault;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.sync.CheckpointStatus;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;
import org.spotifymcp.shared.users.SpotifyToken;
import org.spotifymcp.shared.users.SpotifyTokenRepository;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed client against the emulator over real HTTP, with tokens in a real database:
 * endpoints and limits, token refresh and rotation, reauth, and every injected fault.
 */
@SpringBootTest(classes = SharedModelTestApplication.class,
		properties = { "logging.level.org.spotifymcp=DEBUG", "app.spotify.client.initial-backoff=20ms",
				"app.spotify.client.max-backoff=100ms", "app.spotify.client.max-retry-after=1s",
				"app.spotify.client.read-timeout=4s" })
@ExtendWith(OutputCaptureExtension.class)
@Import(SpotifyClientTest.Meters.class)
class SpotifyClientTest {

	private static final SpotifyEmulator emulator = SpotifyEmulator
		.start(EmulatorSettings.defaults().withRotateRefreshTokens(true));

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.spotify.accounts-base-url", emulator::baseUrl);
		registry.add("app.spotify.api-base-url", emulator::baseUrl);
		registry.add("app.spotify.client-id", () -> EmulatorSettings.DEMO_CLIENT_ID);
		registry.add("app.spotify.client-secret", () -> EmulatorSettings.DEMO_CLIENT_SECRET);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@AfterEach
	void noFaults() {
		emulator.clearFaults();
	}

	@Autowired
	SpotifyClient client;

	@Autowired
	SpotifyTokenStore store;

	@Autowired
	UserRepository users;

	@Autowired
	SpotifyTokenRepository tokens;

	@Autowired
	SyncCheckpointRepository checkpoints;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	/** A user known to the emulator and to our database, with a fresh login stored. */
	private int connect(String spotifyId, Duration accessTokenValidFor) {
		emulator.addUser(FakeUser.scriptedOnly(spotifyId, "Name of " + spotifyId));
		IssuedTokens issued = emulator.issueTokens(spotifyId);
		User user = this.users.save(new User(spotifyId, "Name of " + spotifyId, null));
		this.store.saveLogin(user.getId(), issued.accessToken(), issued.refreshToken(),
				Instant.now().plus(accessTokenValidFor), issued.scope());
		return user.getId();
	}

	@Test
	void readsTheWebApiWithSpotifysLimits() {
		int userId = connect("ada", Duration.ofHours(1));
		List<EmulatedPlay> appended = emulator.appendPlays("ada", emulator.now().minus(Duration.ofHours(3)), 60,
				Duration.ofMinutes(3));
		SpotifyCallStats stats = new SpotifyCallStats();
		SpotifyUserApi api = this.client.forUser(userId, stats);

		SpotifyUser me = api.me();
		assertThat(me.id()).isEqualTo("ada");
		assertThat(me.displayName()).isEqualTo("Name of ada");
		assertThat(me.email()).as("removed for development-mode apps").isNull();
		assertThat(me.country()).isNull();

		RecentlyPlayed page = api.recentlyPlayed(50, null, null);
		assertThat(page.items()).hasSize(50);
		assertThat(page.items().get(0).playedAt()).isEqualTo(appended.get(59).playedAt());
		assertThat(page.items().get(49).playedAt()).isEqualTo(appended.get(10).playedAt());
		SpotifyTrack track = page.items().get(0).track();
		assertThat(track.id()).isEqualTo(appended.get(59).trackId());
		assertThat(track.artists()).extracting(SpotifyArtistRef::name)
			.containsExactly(appended.get(59).track().artist().name());
		assertThat(track.album().name()).isEqualTo(appended.get(59).track().album().name());
		assertThat(track.popularity()).isNull();
		assertThat(page.before()).contains(appended.get(10).playedAt());
		assertThat(api.recentlyPlayed(50, null, page.before().orElseThrow()).items())
			.as("only the newest 50 plays exist")
			.isEmpty();
		RecentlyPlayed newer = api.recentlyPlayed(10, appended.get(54).playedAt(), null);
		assertThat(newer.items()).extracting(PlayHistory::playedAt)
			.containsExactly(appended.get(59).playedAt(), appended.get(58).playedAt(), appended.get(57).playedAt(),
					appended.get(56).playedAt(), appended.get(55).playedAt());

		assertThat(api.track(track.id()).name()).isEqualTo(track.name());
		assertThat(api.artist(track.artists().get(0).id()).genres()).isNotEmpty();
		SearchResults found = api.search(track.name(), Set.of(SearchType.TRACK, SearchType.ARTIST), 10, 0);
		assertThat(found.tracks().items()).extracting(SpotifyTrack::name).contains(track.name());
		assertThat(found.albums()).isNull();
		assertThat(api.topTracks(TimeRange.SHORT_TERM, 5, 0).items()).hasSize(5);
		assertThat(api.topArtists(TimeRange.LONG_TERM, 50, 0).total()).isPositive();
		assertThat(stats.requests()).isEqualTo(9);
		assertThat(stats.retries()).isZero();
		assertThat(stats.tokenRefreshes()).isZero();

		assertThatIllegalArgumentException().isThrownBy(() -> api.recentlyPlayed(51, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> api.recentlyPlayed(0, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> api.recentlyPlayed(10, Instant.EPOCH, Instant.now()));
		assertThatIllegalArgumentException().isThrownBy(() -> api.search("x", Set.of(SearchType.TRACK), 11, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> api.track("../me"));
		assertThat(stats.requests()).as("invalid calls never reach Spotify").isEqualTo(9);
	}

	@Test
	void refreshesBeforeExpiryAndKeepsTheRotatedRefreshToken() {
		int userId = connect("bob", Duration.ofSeconds(10));
		String originalRefresh = this.store.load(userId).orElseThrow().refreshToken();
		SpotifyCallStats stats = new SpotifyCallStats();
		assertThat(this.client.forUser(userId, stats).me().id()).isEqualTo("bob");
		assertThat(stats.tokenRefreshes()).as("expires within the skew").isEqualTo(1);

		SpotifyTokenStore.StoredTokens stored = this.store.load(userId).orElseThrow();
		assertThat(stored.refreshToken()).isNotEqualTo(originalRefresh);
		assertThat(stored.accessTokenExpiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
		SpotifyToken row = this.tokens.findById(userId).orElseThrow();
		assertThat(row.getRefreshTokenEncrypted()).doesNotContain(stored.refreshToken());
		assertThat(row.getAccessTokenEncrypted()).doesNotContain(stored.accessToken());

		// the rotated token keeps working: a 401 leads to exactly one refresh and a retry
		emulator.expireAccessTokens();
		long tokenCalls = emulator.requestCount("/api/token");
		SpotifyCallStats later = new SpotifyCallStats();
		assertThat(this.client.forUser(userId, later).me().id()).isEqualTo("bob");
		assertThat(later.tokenRefreshes()).isEqualTo(1);
		assertThat(later.requests()).isEqualTo(2);
		assertThat(emulator.requestCount("/api/token")).isEqualTo(tokenCalls + 1);
	}

	@Test
	void aRevokedRefreshTokenMarksTheUserForReauthAndIsNotRetried() {
		int userId = connect("cleo", Duration.ofHours(1));
		emulator.revokeRefreshTokens("cleo");
		emulator.expireAccessTokens();
		SpotifyUserApi api = this.client.forUser(userId, new SpotifyCallStats());
		long tokenCalls = emulator.requestCount("/api/token");
		assertThatThrownBy(api::me).isInstanceOfSatisfying(SpotifyApiException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.REAUTH_REQUIRED));
		assertThat(emulator.requestCount("/api/token")).isEqualTo(tokenCalls + 1);
		assertThat(this.checkpoints.findById(userId).orElseThrow().getStatus())
			.isEqualTo(CheckpointStatus.REAUTH_REQUIRED);
		assertThat(this.tokens.findById(userId).orElseThrow().getStatus()).isEqualTo(SpotifyToken.Status.REVOKED);
		assertThat(this.meters.find("spotifymcp.alerts").tag("kind", "token_revocation").counters())
			.as("the revocation raised an alert")
			.isNotEmpty();

		long apiCalls = emulator.requestCount("/v1/me");
		assertThatThrownBy(() -> this.client.forUser(userId, new SpotifyCallStats()).me()).isInstanceOfSatisfying(
				SpotifyApiException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.REAUTH_REQUIRED));
		assertThat(emulator.requestCount("/api/token")).isEqualTo(tokenCalls + 1);
		assertThat(emulator.requestCount("/v1/me")).as("a flagged user is not polled").isEqualTo(apiCalls);

		// the fault form of the same trouble: refresh refused while the user still has a
		// valid-looking token
		int other = connect("cleo2", Duration.ofSeconds(1));
		emulator.inject(Fault.revokedRefreshToken().forUser("cleo2"));
		assertThatThrownBy(() -> this.client.forUser(other, new SpotifyCallStats()).me()).isInstanceOfSatisfying(
				SpotifyApiException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.REAUTH_REQUIRED));
		assertThat(this.checkpoints.findById(other).orElseThrow().getStatus())
			.isEqualTo(CheckpointStatus.REAUTH_REQUIRED);

		// connecting again clears the flag
		IssuedTokens fresh = emulator.issueTokens("cleo");
		this.store.saveLogin(userId, fresh.accessToken(), fresh.refreshToken(), Instant.now().plusSeconds(3600),
				fresh.scope());
		assertThat(this.checkpoints.findById(userId).orElseThrow().getStatus()).isEqualTo(CheckpointStatus.IDLE);
		assertThat(this.client.forUser(userId, new SpotifyCallStats()).me().id()).isEqualTo("cleo");
	}

	@Test
	void waitsForRetryAfterCappedAndCountsIt() {
		int userId = connect("dora", Duration.ofHours(1));
		emulator.inject(Fault.rateLimited(Duration.ofSeconds(30)).forUser("dora").times(2));
		SpotifyCallStats stats = new SpotifyCallStats();
		double before = this.meters.counter("spotify.client.rate_limited", "endpoint", "me").count();
		long started = System.nanoTime();
		assertThat(this.client.forUser(userId, stats).me().id()).isEqualTo("dora");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(stats.retries()).isEqualTo(2);
		assertThat(stats.rateLimited()).isEqualTo(2);
		assertThat(stats.rateLimitWaitMillis()).as("Retry-After 30 s capped at 1 s").isEqualTo(2000);
		assertThat(took).isBetween(Duration.ofMillis(2000), Duration.ofSeconds(8));
		assertThat(this.meters.counter("spotify.client.rate_limited", "endpoint", "me").count()).isEqualTo(before + 2);
		assertThat(stats.asMap()).containsEntry("retries", 2L).containsEntry("rate_limited", 2L);
	}

	@Test
	void aQuotaAnswerSurfacesItsReasonAndRetryAfterAndPausesTheAppInsteadOfRetrying() {
		int userId = connect("quota-fay", Duration.ofHours(1));
		String app = EmulatorSettings.DEMO_CLIENT_ID;
		emulator.inject(Fault.quotaExceeded().forClient(app).between(null, emulator.now().plusSeconds(1800)));
		long calls = emulator.apiCalls(app);
		try {
			assertThatExceptionOfType(SpotifyApiException.class)
				.isThrownBy(() -> this.client.forUser(userId, new SpotifyCallStats()).me())
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.APP_PAUSED);
					assertThat(ex.retryAfter()).isBetween(Duration.ofSeconds(1790), Duration.ofSeconds(1800));
					assertThat(ex.reason()).contains("QUOTA_EXCEEDED").contains(app);
					SpotifyApiException answer = (SpotifyApiException) ex.getCause();
					assertThat(answer.kind()).isEqualTo(SpotifyApiException.Kind.RATE_LIMITED);
					assertThat(answer.reason()).isEqualTo(SpotifyApiException.QUOTA_EXCEEDED);
					assertThat(answer.isQuotaExceeded()).isTrue();
				});
			assertThat(emulator.apiCalls(app) - calls).as("not retried").isOne();
			assertThatExceptionOfType(SpotifyApiException.class)
				.isThrownBy(() -> this.client.forUser(userId, new SpotifyCallStats()).me())
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.APP_PAUSED));
			assertThat(emulator.apiCalls(app) - calls).as("nothing sent while paused").isOne();
		}
		finally {
			this.jdbc.update("delete from spotify_app_pauses");
		}
	}

	@Test
	void retriesServerErrorsMalformedAnswersAndTimeoutsWithBackoff() {
		int userId = connect("emil", Duration.ofHours(1));
		emulator.inject(Fault.serverError(500).forUser("emil").times(1));
		emulator.inject(Fault.serverError(502).forUser("emil").times(1));
		emulator.inject(Fault.serverError(503).forUser("emil").times(1));
		SpotifyCallStats stats = new SpotifyCallStats();
		assertThat(this.client.forUser(userId, stats).me().id()).isEqualTo("emil");
		assertThat(stats.retries()).isEqualTo(3);
		assertThat(stats.rateLimited()).isZero();
		assertThat(this.meters.counter("spotify.client.retries", "endpoint", "me", "reason", "server_error").count())
			.isGreaterThanOrEqualTo(3);

		emulator.inject(Fault.malformedJson().forUser("emil").times(1));
		SpotifyCallStats malformed = new SpotifyCallStats();
		assertThat(this.client.forUser(userId, malformed).recentlyPlayed(5, null, null).items()).isEmpty();
		assertThat(malformed.retries()).isEqualTo(1);

		emulator.inject(Fault.slow(Duration.ofMillis(9000)).forUser("emil").times(1));
		SpotifyCallStats slow = new SpotifyCallStats();
		assertThat(this.client.forUser(userId, slow).me().id()).isEqualTo("emil");
		assertThat(slow.retries()).as("the read timeout of 4 s counts as a failure").isEqualTo(1);

		emulator.inject(Fault.serverError(503).forUser("emil"));
		long calls = emulator.requestCount("/v1/me");
		SpotifyCallStats failing = new SpotifyCallStats();
		assertThatThrownBy(() -> this.client.forUser(userId, failing).me())
			.isInstanceOfSatisfying(SpotifyApiException.class, (ex) -> {
				assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.SERVER_ERROR);
				assertThat(ex.status()).isEqualTo(503);
			});
		assertThat(emulator.requestCount("/v1/me")).as("bounded: 4 attempts").isEqualTo(calls + 4);
		assertThat(failing.retries()).isEqualTo(3);
		emulator.clearFaults();

		SpotifyCallStats notFound = new SpotifyCallStats();
		assertThatThrownBy(() -> this.client.forUser(userId, notFound).track("0000000000000000000000"))
			.isInstanceOfSatisfying(SpotifyApiException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.CLIENT_ERROR));
		assertThat(notFound.retries()).isZero();

		// the token endpoint is retried too
		emulator.expireAccessTokens();
		emulator.inject(Fault.serverError(503).on(Fault.Target.ACCOUNTS).times(1));
		SpotifyCallStats refresh = new SpotifyCallStats();
		assertThat(this.client.forUser(userId, refresh).me().id()).isEqualTo("emil");
		assertThat(refresh.retries()).isEqualTo(1);
	}

	@Test
	void tokensNeverReachTheLogs(CapturedOutput output) {
		int userId = connect("fay", Duration.ofSeconds(5));
		SpotifyUserApi api = this.client.forUser(userId, new SpotifyCallStats());
		api.me();
		emulator.expireAccessTokens();
		emulator.inject(Fault.serverError(502).forUser("fay").times(1));
		api.recentlyPlayed(10, null, null);
		emulator.revokeRefreshTokens("fay");
		emulator.expireAccessTokens();
		assertThatThrownBy(api::me).isInstanceOf(SpotifyApiException.class);

		assertThat(output.getAll()).contains("Spotify me answered 200").contains("reauth_required");
		List<String> logRows = this.jdbc.queryForList("select message from logs", String.class);
		for (String secret : emulator.issuedSecrets()) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(logRows).noneMatch((row) -> row.contains(secret));
		}
		assertThat(emulator.issuedSecrets()).hasSizeGreaterThan(3);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
