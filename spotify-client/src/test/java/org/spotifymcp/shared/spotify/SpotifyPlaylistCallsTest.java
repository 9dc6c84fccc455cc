package org.spotifymcp.shared.spotify;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.emulator.EmulatedPlay;
import org.spotifymcp.emulator.EmulatedPlaylist;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.Fault;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The typed playlist calls against the emulator's 2026 playlist rules: create a private
 * playlist, replace its items in place, ask whether the listener still follows it; a
 * create is never repeated after a server error, and a write without the scope is
 * refused.
 */
@SpringBootTest(classes = SharedModelTestApplication.class,
		properties = { "app.spotify.client.initial-backoff=10ms", "app.spotify.client.max-backoff=50ms",
				"app.spotify.client.max-retry-after=1s" })
@Import(SpotifyPlaylistCallsTest.Meters.class)
class SpotifyPlaylistCallsTest {

	private static final String WRITE = SpotifyEmulator.DEFAULT_SCOPE + " playlist-modify-private";

	private static final SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults());

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

	@Test
	void createsAPrivatePlaylistAndReplacesItsItemsInPlace() {
		SpotifyCallStats stats = new SpotifyCallStats();
		SpotifyUserApi api = this.client.forUser(connect("writer", WRITE), stats);
		List<String> tracks = uris("writer", 5);

		SpotifyPlaylist created = api.createPlaylist("Top of this week", "Most played", false);
		assertThat(created.isPublic()).isFalse();
		assertThat(created.webUrl()).isEqualTo("https://open.spotify.com/playlist/" + created.id());
		String first = api.replacePlaylistItems(created.id(), tracks.subList(0, 3));
		String second = api.replacePlaylistItems(created.id(), tracks.subList(2, 5));

		assertThat(first).isNotBlank().isNotEqualTo(second);
		EmulatedPlaylist stored = emulator.playlist(created.id()).orElseThrow();
		assertThat(stored.owner()).isEqualTo("writer");
		assertThat(stored.isPublic()).isFalse();
		assertThat(stored.trackIds()).containsExactlyElementsOf(
				tracks.subList(2, 5).stream().map((uri) -> uri.substring("spotify:track:".length())).toList());
		assertThat(api.followsPlaylist(created.id(), "writer")).isTrue();

		emulator.unfollowPlaylist("writer", created.id());
		assertThat(api.followsPlaylist(created.id(), "writer")).as("the listener deleted it").isFalse();
		emulator.removePlaylist(created.id());
		assertThatExceptionOfType(SpotifyApiException.class)
			.isThrownBy(() -> api.replacePlaylistItems(created.id(), tracks))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404));

		long requests = stats.requests();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> api.replacePlaylistItems(created.id(), Collections.nCopies(101, tracks.get(0))));
		assertThatIllegalArgumentException().isThrownBy(() -> api.createPlaylist(" ", null, false));
		assertThat(stats.requests()).as("invalid calls never reach Spotify").isEqualTo(requests);
	}

	@Test
	void anExpiredAccessTokenIsRefreshedOnceForAWrite() {
		SpotifyCallStats stats = new SpotifyCallStats();
		SpotifyUserApi api = this.client.forUser(connect("refresher", WRITE), stats);
		String id = api.createPlaylist("On repeat", null, false).id();
		emulator.expireAccessTokens();
		api.replacePlaylistItems(id, uris("refresher", 2));
		assertThat(emulator.playlist(id).orElseThrow().items()).hasSize(2);
		assertThat(stats.tokenRefreshes()).isOne();
	}

	@Test
	void aCreateIsNotRepeatedAfterAServerErrorAndNeedsTheScope() {
		SpotifyUserApi api = this.client.forUser(connect("careful", WRITE), new SpotifyCallStats());
		emulator.inject(Fault.serverError(503).forUser("careful").times(1));
		long calls = emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID);
		assertThatExceptionOfType(SpotifyApiException.class)
			.isThrownBy(() -> api.createPlaylist("Top of this month", null, false))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(SpotifyApiException.Kind.SERVER_ERROR));
		assertThat(emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID) - calls).isOne();

		SpotifyUserApi readOnly = this.client.forUser(connect("reader", SpotifyEmulator.DEFAULT_SCOPE),
				new SpotifyCallStats());
		assertThatExceptionOfType(SpotifyApiException.class)
			.isThrownBy(() -> readOnly.createPlaylist("Nope", null, false))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403));
		assertThat(emulator.playlistsOwnedBy("careful")).isEmpty();
		assertThat(emulator.playlistsOwnedBy("reader")).isEmpty();
	}

	private int connect(String spotifyId, String scope) {
		emulator.addUser(FakeUser.scriptedOnly(spotifyId, spotifyId));
		IssuedTokens issued = emulator.issueTokens(spotifyId, EmulatorSettings.DEMO_CLIENT_ID, scope);
		User user = this.users.save(new User(spotifyId, spotifyId, null));
		this.store.saveLogin(user.getId(), issued.accessToken(), issued.refreshToken(),
				Instant.now().plus(Duration.ofHours(1)), issued.scope());
		return user.getId();
	}

	/** URIs of catalog tracks (the emulator refuses unknown ones). */
	private static List<String> uris(String spotifyId, int count) {
		return emulator.appendPlays(spotifyId, emulator.now().minus(Duration.ofHours(1)), count, Duration.ofMinutes(3))
			.stream()
			.map(EmulatedPlay::trackId)
			.map((id) -> "spotify:track:" + id)
			.toList();
	}

	@TestConfiguration
	static class Meters {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
