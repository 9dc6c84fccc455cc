package org.spotifymcp.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An emulator with a state file restarts as if it had never stopped: what it handed out
 * keeps working and its users' timelines carry on.
 */
class EmulatorStateFileTest {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String LISTENER = "listener00001";

	@TempDir
	Path directory;

	@Test
	void tokensUsersPlaysAndClockSurviveARestart() throws Exception {
		Path file = this.directory.resolve("demo-spotify/state.json");
		EmulatorSettings settings = EmulatorSettings.defaults().withStateFile(file);
		IssuedTokens tokens;
		List<EmulatedPlay> listenerBefore;
		List<EmulatedPlay> aliceBefore;
		Instant stoppedAt;
		try (SpotifyEmulator first = SpotifyEmulator.start(settings)) {
			first.addUser(FakeUser.scriptedOnly("alice", "Alice"));
			first.appendPlays("alice", first.now().minus(Duration.ofHours(1)), 10, Duration.ofMinutes(5));
			first.advance(Duration.ofHours(2));
			tokens = first.issueTokens(LISTENER);
			listenerBefore = first.plays(LISTENER);
			aliceBefore = first.plays("alice");
			stoppedAt = first.now();
		}
		assertThat(file).isRegularFile();
		assertThat(listenerBefore).isNotEmpty();

		try (SpotifyEmulator second = SpotifyEmulator.start(settings)) {
			assertThat(second.now()).isEqualTo(stoppedAt);
			assertThat(get(second, "/v1/me", tokens.accessToken()).get("id").asString())
				.as("an access token handed out before the restart still works")
				.isEqualTo(LISTENER);

			assertThat(second.plays(LISTENER)).isEqualTo(listenerBefore);
			assertThat(second.plays("alice")).isEqualTo(aliceBefore);
			assertThat(second.user("alice")).contains(FakeUser.scriptedOnly("alice", "Alice"));

			second.advance(Duration.ofDays(1));
			HttpResponse<String> refreshed = refresh(second, tokens.refreshToken());
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			String access = mapper.readTree(refreshed.body()).get("access_token").asString();
			long lastSeen = listenerBefore.get(listenerBefore.size() - 1).playedAt().toEpochMilli();
			JsonNode newer = get(second, "/v1/me/player/recently-played?limit=50&after=" + lastSeen, access);
			List<EmulatedPlay> continued = second.plays(LISTENER);
			assertThat(continued.subList(0, listenerBefore.size())).isEqualTo(listenerBefore);
			assertThat(continued).hasSizeGreaterThan(listenerBefore.size());
			assertThat(newer.get("items")).hasSize(Math.min(50, continued.size() - listenerBefore.size()));
			assertThat(newer.get("items").get(0).get("played_at").asString())
				.isEqualTo(JsonViews.playedAt(continued.get(continued.size() - 1).playedAt()));
		}
	}

	@Test
	void revokedRefreshTokensStayRevoked() throws Exception {
		EmulatorSettings settings = EmulatorSettings.defaults().withStateFile(this.directory.resolve("state.json"));
		IssuedTokens kept;
		IssuedTokens revoked;
		try (SpotifyEmulator first = SpotifyEmulator.start(settings)) {
			revoked = first.issueTokens("listener00002");
			first.revokeRefreshTokens("listener00002");
			kept = first.issueTokens("listener00003");
		}
		try (SpotifyEmulator second = SpotifyEmulator.start(settings)) {
			HttpResponse<String> refused = refresh(second, revoked.refreshToken());
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("invalid_grant");
			assertThat(refresh(second, kept.refreshToken()).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aTickingClockKeepsItsDistanceToRealTimeWhileStopped() {
		Instant realStart = Instant.parse("2026-05-01T08:00:00Z");
		MovableClock real = new MovableClock(realStart);
		EmulatorSettings settings = EmulatorSettings.defaults()
			.withClock(null, true)
			.withStateFile(this.directory.resolve("state.json"));
		List<EmulatedPlay> before;
		try (SpotifyEmulator first = SpotifyEmulator.start(settings, real)) {
			first.advance(Duration.ofHours(2));
			before = first.plays(LISTENER);
		}
		real.now = realStart.plus(Duration.ofMinutes(10));
		try (SpotifyEmulator second = SpotifyEmulator.start(settings, real)) {
			assertThat(second.now()).isEqualTo(realStart.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(10)));
			assertThat(second.plays(LISTENER).subList(0, before.size()))
				.as("generated history still starts where it started")
				.isEqualTo(before);
		}
	}

	@Test
	void appsTheirUsersPlaylistsAndArtistChangesSurviveARestart() throws Exception {
		EmulatorSettings settings = EmulatorSettings.defaults().withStateFile(this.directory.resolve("state.json"));
		IssuedTokens tokens;
		EmulatedPlaylist playlist;
		String artistId;
		try (SpotifyEmulator first = SpotifyEmulator.start(settings)) {
			first.registerApp(DeveloperApp.developmentMode("kids-app", "kids-secret", "parent"));
			tokens = first.issueTokens(LISTENER, "kids-app", "playlist-modify-private");
			HttpRequest create = HttpRequest.newBuilder(URI.create(first.baseUrl() + "/v1/me/playlists"))
				.header("Authorization", "Bearer " + tokens.accessToken())
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Kept\",\"public\":false}"))
				.build();
			assertThat(http.send(create, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
			playlist = first.playlistsOwnedBy(LISTENER).get(0);
			artistId = first.catalog().artists().get(0).id();
			first.changeArtist(artistId, List.of(), false);
		}
		try (SpotifyEmulator second = SpotifyEmulator.start(settings)) {
			assertThat(second.apps()).extracting(DeveloperApp::clientId).contains("kids-app");
			assertThat(second.appUsers("kids-app")).containsExactly(LISTENER);
			assertThat(get(second, "/v1/me", tokens.accessToken()).get("id").asString()).isEqualTo(LISTENER);
			assertThat(second.playlistsOwnedBy(LISTENER)).containsExactly(playlist);
			assertThat(second.catalog().artist(artistId).orElseThrow().hasImages()).isFalse();
			HttpResponse<String> wrongApp = refresh(second, tokens.refreshToken());
			assertThat(wrongApp.body()).as("the token still belongs to its app").contains("invalid_grant");
		}
	}

	@Test
	void aVersionOneFileIsReadWithItsTokensInTheDefaultAppConsentedAtTheSave() throws Exception {
		Path file = this.directory.resolve("state.json");
		Files.writeString(file, """
				{"version":1,"seed":42,"savedAt":"2026-03-02T12:00:00Z","now":"2026-03-02T12:00:00Z",
				 "ticking":false,"historyOrigin":"2026-03-02T12:00:00Z","addedUsers":[],"plays":[],
				 "accessTokens":[],"refreshTokens":[{"token":"AQold","userId":"listener00001",
				 "scope":"user-top-read","publicClient":false,"revoked":false}]}
				""");
		try (SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults().withStateFile(file))) {
			assertThat(refresh(emulator, "AQold").statusCode()).isEqualTo(200);
			assertThat(emulator.consents()).singleElement()
				.extracting(Consent::consentedAt)
				.isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
		}
		assertThat(Files.readString(file)).contains("\"version\" : 2").contains("\"consentedAt\"");
	}

	@Test
	void withoutAStateFileNothingIsKept() throws Exception {
		IssuedTokens tokens;
		try (SpotifyEmulator first = SpotifyEmulator.start(EmulatorSettings.defaults())) {
			tokens = first.issueTokens(LISTENER);
			assertThat(first.stateFile()).isEmpty();
		}
		try (SpotifyEmulator second = SpotifyEmulator.start(EmulatorSettings.defaults())) {
			assertThat(refresh(second, tokens.refreshToken()).statusCode()).isEqualTo(400);
		}
	}

	@Test
	void anUnusableStateFileStopsTheStartNamingFileAndField() throws Exception {
		Path file = this.directory.resolve("state.json");
		EmulatorSettings settings = EmulatorSettings.defaults().withStateFile(file);
		try (SpotifyEmulator first = SpotifyEmulator.start(settings)) {
			first.issueTokens(LISTENER);
		}
		assertThatThrownBy(() -> SpotifyEmulator.start(settings.withSeed(7)).close())
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(file.toAbsolutePath().toString())
			.hasMessageContaining("seed is 42");

		String saved = Files.readString(file);
		Files.writeString(file, saved.replaceFirst("\"refreshTokens\"\\s*:\\s*\\[", "\"refreshTokens\" : [ 1, "));
		assertThatThrownBy(() -> SpotifyEmulator.start(settings).close()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(file.toAbsolutePath().toString())
			.hasMessageContaining("refreshTokens");

		Files.writeString(file, "{\"version\":1,");
		assertThatThrownBy(() -> SpotifyEmulator.start(settings).close()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(file.toAbsolutePath().toString());
	}

	private static HttpResponse<String> refresh(SpotifyEmulator emulator, String refreshToken) throws Exception {
		String form = "grant_type=refresh_token&refresh_token="
				+ URLEncoder.encode(refreshToken, StandardCharsets.UTF_8) + "&client_id="
				+ EmulatorSettings.DEMO_CLIENT_ID + "&client_secret=" + EmulatorSettings.DEMO_CLIENT_SECRET;
		HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode get(SpotifyEmulator emulator, String path, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
			.header("Authorization", "Bearer " + token)
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return mapper.readTree(response.body());
	}

	/** Real time that only moves when the test says so. */
	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
