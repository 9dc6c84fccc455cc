package org.spotifymcp.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator over real HTTP: Spotify's cursor rules, OAuth with PKCE, token expiry and
 * rotation, limits, and every kind of fault.
 */
class SpotifyEmulatorTest {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static SpotifyEmulator emulator;

	@BeforeAll
	static void start() {
		emulator = SpotifyEmulator.start(EmulatorSettings.defaults().withRotateRefreshTokens(true));
		emulator.addUser(FakeUser.scriptedOnly("alice", "Alice"));
		// 80 plays, 3 minutes apart, the newest one minute before now
		emulator.appendPlays("alice", emulator.now().minus(Duration.ofMinutes(1 + 79 * 3)), 80, Duration.ofMinutes(3));
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@AfterEach
	void noFaults() {
		emulator.clearFaults();
	}

	@Test
	void recentlyPlayedShowsOnlyTheNewestFiftyWithSpotifysCursors() throws Exception {
		String token = emulator.issueTokens("alice").accessToken();
		List<EmulatedPlay> truth = emulator.plays("alice");
		assertThat(truth).hasSize(80);

		JsonNode first = getJson("/v1/me/player/recently-played", token);
		assertThat(first.get("items")).hasSize(20);
		assertThat(first.get("limit").asInt()).isEqualTo(20);
		assertThat(first.get("items").get(0).get("played_at").asString())
			.isEqualTo(JsonViews.playedAt(truth.get(79).playedAt()));
		JsonNode track = first.get("items").get(0).get("track");
		assertThat(track.get("id").asString()).isEqualTo(truth.get(79).trackId());
		assertThat(track.get("artists").get(0).get("name").asString()).isEqualTo(truth.get(79).track().artist().name());
		assertThat(track.get("album").get("name").asString()).isEqualTo(truth.get(79).track().album().name());
		assertThat(track.has("popularity")).isFalse();
		long oldestShown = truth.get(60).playedAt().toEpochMilli();
		assertThat(first.get("cursors").get("before").asString()).isEqualTo(String.valueOf(oldestShown));
		assertThat(first.get("next").asString()).endsWith("?before=" + oldestShown + "&limit=20");

		JsonNode all = getJson("/v1/me/player/recently-played?limit=50", token);
		assertThat(all.get("items")).hasSize(50);
		assertThat(all.get("next").isNull()).isTrue();
		long fiftiethNewest = truth.get(30).playedAt().toEpochMilli();
		assertThat(all.get("cursors").get("before").asString()).isEqualTo(String.valueOf(fiftiethNewest));
		assertThat(getJson("/v1/me/player/recently-played?limit=50&before=" + fiftiethNewest, token).get("items"))
			.as("plays older than the newest 50 are gone")
			.isEmpty();

		long after = truth.get(70).playedAt().toEpochMilli();
		JsonNode newer = getJson("/v1/me/player/recently-played?limit=5&after=" + after, token);
		assertThat(newer.get("items")).hasSize(5);
		assertThat(newer.get("items").get(4).get("played_at").asString())
			.isEqualTo(JsonViews.playedAt(truth.get(71).playedAt()));
		assertThat(newer.get("next").asString())
			.endsWith("?after=" + truth.get(75).playedAt().toEpochMilli() + "&limit=5");

		assertThat(get("/v1/me/player/recently-played?limit=51", token).statusCode()).isEqualTo(400);
		assertThat(get("/v1/me/player/recently-played?limit=0", token).statusCode()).isEqualTo(400);
		assertThat(get("/v1/me/player/recently-played?after=1&before=2", token).statusCode()).isEqualTo(400);
	}

	@Test
	void newPlaysAppearWhenTheClockMoves() throws Exception {
		emulator.addUser(FakeUser.scriptedOnly("carol", "Carol"));
		Instant now = emulator.now();
		emulator.appendPlays("carol", now.plus(Duration.ofMinutes(1)), 3, Duration.ofMinutes(4));
		String token = emulator.issueTokens("carol").accessToken();
		assertThat(getJson("/v1/me/player/recently-played", token).get("items")).isEmpty();
		emulator.advance(Duration.ofMinutes(6));
		try {
			assertThat(getJson("/v1/me/player/recently-played", token).get("items")).hasSize(2);
			assertThat(emulator.plays("carol")).hasSize(2);
		}
		finally {
			emulator.setNow(now);
		}
	}

	@Test
	void authorizationCodeWithPkceIsExchangedOnceAndOnlyWithTheRightVerifier() throws Exception {
		String verifier = "verifier-" + "x".repeat(50);
		String challenge = AccountsEndpoints.s256(verifier);
		String redirect = "http://127.0.0.1:9/callback";
		String query = "client_id=" + EmulatorSettings.DEMO_CLIENT_ID + "&response_type=code&redirect_uri="
				+ enc(redirect) + "&state=s1&scope=" + enc("user-read-recently-played")
				+ "&code_challenge_method=S256&code_challenge=" + challenge + "&user=listener00002";
		HttpResponse<String> page = get("/authorize?" + query, null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"accept\"")
			.contains("id=\"deny\"")
			.contains("value=\"listener00002\" selected");

		HttpResponse<String> denied = post("/authorize", query + "&decision=deny", null);
		assertThat(denied.statusCode()).isEqualTo(303);
		assertThat(denied.headers().firstValue("Location")).hasValue(redirect + "?error=access_denied&state=s1");

		HttpResponse<String> accepted = post("/authorize", query + "&decision=accept", null);
		String location = accepted.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(redirect + "?code=").endsWith("&state=s1");
		String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));

		String exchange = "grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(redirect);
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((EmulatorSettings.DEMO_CLIENT_ID + ":" + EmulatorSettings.DEMO_CLIENT_SECRET)
				.getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> missing = post("/api/token", exchange, basic);
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("code_verifier required");
		HttpResponse<String> wrong = post("/api/token", exchange + "&code_verifier=" + "y".repeat(60), basic);
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(mapper.readTree(wrong.body()).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(post("/api/token", exchange + "&code_verifier=" + verifier,
				"Basic " + Base64.getEncoder().encodeToString((EmulatorSettings.DEMO_CLIENT_ID + ":nope").getBytes()))
			.body()).contains("invalid_client");

		HttpResponse<String> ok = post("/api/token", exchange + "&code_verifier=" + verifier, basic);
		assertThat(ok.statusCode()).isEqualTo(200);
		JsonNode tokens = mapper.readTree(ok.body());
		assertThat(tokens.get("expires_in").asInt()).isEqualTo(3600);
		assertThat(getJson("/v1/me", tokens.get("access_token").asString()).get("id").asString())
			.isEqualTo("listener00002");

		HttpResponse<String> replay = post("/api/token", exchange + "&code_verifier=" + verifier, basic);
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(mapper.readTree(replay.body()).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void refreshTokensRotateAndAccessTokensExpire() throws Exception {
		IssuedTokens issued = emulator.issueTokens("listener00001");
		String body = "grant_type=refresh_token&refresh_token=" + enc(issued.refreshToken()) + "&client_id="
				+ EmulatorSettings.DEMO_CLIENT_ID + "&client_secret=" + EmulatorSettings.DEMO_CLIENT_SECRET;
		JsonNode refreshed = mapper.readTree(post("/api/token", body, null).body());
		String rotated = refreshed.get("refresh_token").asString();
		assertThat(rotated).isNotEqualTo(issued.refreshToken());
		HttpResponse<String> old = post("/api/token", body, null);
		assertThat(old.statusCode()).isEqualTo(400);
		assertThat(old.body()).contains("invalid_grant");

		Instant now = emulator.now();
		emulator.advance(Duration.ofMinutes(61));
		try {
			HttpResponse<String> expired = get("/v1/me", refreshed.get("access_token").asString());
			assertThat(expired.statusCode()).isEqualTo(401);
			assertThat(expired.body()).contains("The access token expired");
		}
		finally {
			emulator.setNow(now);
		}
		assertThat(emulator.revokeRefreshTokens("listener00001")).isEqualTo(1);
		assertThat(post("/api/token", body.replace(enc(issued.refreshToken()), enc(rotated)), null).body())
			.contains("Refresh token revoked");
	}

	@Test
	void faultsHitAsConfigured() throws Exception {
		String token = emulator.issueTokens("alice").accessToken();
		emulator.inject(Fault.rateLimited(Duration.ofSeconds(7)).times(1));
		HttpResponse<String> limited = get("/v1/me", token);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(get("/v1/me", token).statusCode()).as("times(1) is used up").isEqualTo(200);

		emulator.inject(Fault.serverError(502).forUser("somebody-else"));
		assertThat(get("/v1/me", token).statusCode()).as("other users' faults").isEqualTo(200);
		emulator.inject(Fault.serverError(503).forUser("alice").times(1));
		assertThat(get("/v1/me", token).statusCode()).isEqualTo(503);

		emulator.inject(Fault.malformedJson().times(1));
		HttpResponse<String> malformed = get("/v1/me", token);
		assertThat(malformed.statusCode()).isEqualTo(200);
		assertThat(malformed.body()).startsWith("{").doesNotEndWith("}");

		emulator.inject(Fault.slow(Duration.ofMillis(300)).times(1));
		long started = System.nanoTime();
		assertThat(get("/v1/me", token).statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

		emulator.inject(Fault.serverError(500).between(emulator.now().plusSeconds(60), null));
		assertThat(get("/v1/me", token).statusCode()).as("scheduled for later").isEqualTo(200);

		IssuedTokens tokens = emulator.issueTokens("alice");
		emulator.inject(Fault.revokedRefreshToken().forUser("alice").times(1));
		String refresh = "grant_type=refresh_token&refresh_token=" + enc(tokens.refreshToken()) + "&client_id="
				+ EmulatorSettings.DEMO_CLIENT_ID + "&client_secret=" + EmulatorSettings.DEMO_CLIENT_SECRET;
		assertThat(post("/api/token", refresh, null).body()).contains("invalid_grant");
		assertThat(post("/api/token", refresh, null).body()).as("stays revoked").contains("invalid_grant");
	}

	@Test
	void faultsCanBeSetThroughTheControlApiAsText() throws Exception {
		String token = emulator.issueTokens("alice").accessToken();
		HttpResponse<String> added = post("/_emulator/faults",
				"server_error:status=502:times=2;rate_limit:retry_after=3:rate=0.0", null);
		assertThat(added.statusCode()).isEqualTo(200);
		assertThat(emulator.activeFaults()).extracting(Fault::describe)
			.containsExactly("server_error:status=502:target=api:times=2",
					"rate_limit:retry_after=3:target=api:rate=0.0");
		assertThat(get("/v1/me", token).statusCode()).isEqualTo(502);
		assertThat(get("/v1/me", token).statusCode()).isEqualTo(502);
		assertThat(get("/v1/me", token).statusCode()).isEqualTo(200);
		Instant before = emulator.now();
		assertThat(post("/_emulator/clock/advance?seconds=90", "", null).body())
			.contains(before.plusSeconds(90).toString());
		emulator.setNow(before);
	}

	@Test
	void searchTopAndSingleItems() throws Exception {
		String token = emulator.issueTokens("listener00003").accessToken();
		Catalog.Track known = emulator.catalog().tracks().get(17);
		JsonNode found = getJson("/v1/search?type=track,artist&limit=10&q=" + enc(known.name()), token);
		assertThat(found.get("tracks").get("items").size()).isBetween(1, 10);
		assertThat(found.get("tracks").get("total").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(found.has("artists")).isTrue();
		assertThat(get("/v1/search?type=track&limit=11&q=a", token).statusCode()).isEqualTo(400);

		assertThat(getJson("/v1/tracks/" + known.id(), token).get("name").asString()).isEqualTo(known.name());
		assertThat(getJson("/v1/artists/" + known.artist().id(), token).get("genres")).isNotEmpty();
		assertThat(get("/v1/tracks/0000000000000000000000", token).statusCode()).isEqualTo(404);
		assertThat(get("/v1/tracks/not-an-id", token).statusCode()).isEqualTo(400);

		JsonNode top = getJson("/v1/me/top/artists?time_range=short_term&limit=5", token);
		assertThat(top.get("items")).hasSize(5);
		Map<String, Long> counts = emulator
			.plays("listener00003", emulator.now().minus(Duration.ofDays(28)), emulator.now())
			.stream()
			.collect(Collectors.groupingBy((play) -> play.track().artist().id(), Collectors.counting()));
		long best = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
		assertThat(counts.get(top.get("items").get(0).get("id").asString())).isEqualTo(best);
		assertThat(getJson("/v1/me/top/tracks", token).get("items")).hasSize(20);
	}

	@Test
	void timelinesAreDeterministicAndLazyForManyUsers() {
		EmulatorSettings many = EmulatorSettings.defaults().withUserCount(10_000);
		try (SpotifyEmulator one = SpotifyEmulator.start(many); SpotifyEmulator two = SpotifyEmulator.start(many)) {
			List<EmulatedPlay> first = one.plays("listener09999");
			assertThat(first).hasSizeGreaterThan(300);
			assertThat(first).isEqualTo(two.plays("listener09999"));
			assertThat(first).isSortedAccordingTo((a, b) -> a.playedAt().compareTo(b.playedAt()));
			for (int i = 1; i < first.size(); i++) {
				// a play ends after the previous one ended plus at least part of its own
				// length
				assertThat(first.get(i).playedAt()).isAfter(first.get(i - 1).playedAt());
			}
			assertThat(one.plays("listener00001")).isNotEqualTo(first);
			assertThat(one.user("listener10001")).isEmpty();
		}
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static JsonNode getJson(String path, String token) throws Exception {
		HttpResponse<String> response = get(path, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return mapper.readTree(response.body());
	}

	private static HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String path, String form, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
