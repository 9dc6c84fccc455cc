package org.spotifymcp.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spotifymcp.emulator.EmulatorHttp.mapper;

/**
 * The July 2026 quota: a 429 with {@code "reason": "QUOTA_EXCEEDED"} and a
 * {@code Retry-After} for every Web API call of one app, or of every app of one developer
 * account, until a given time; the emulator counts the calls that came in meanwhile.
 */
class QuotaTest {

	private static SpotifyEmulator emulator;

	private static EmulatorHttp http;

	@BeforeAll
	static void start() {
		// access tokens outlive the pauses the tests jump over
		emulator = SpotifyEmulator.start(EmulatorSettings.defaults().withAccessTokenLifetime(Duration.ofDays(1)));
		http = new EmulatorHttp(emulator);
		emulator.registerApp(DeveloperApp.developmentMode("family-a", "secret-a", "dev-one"));
		emulator.registerApp(DeveloperApp.developmentMode("family-b", "secret-b", "dev-one"));
		emulator.registerApp(DeveloperApp.developmentMode("other", "secret-c", "dev-two"));
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
	void oneAppIsRefusedUntilTheStatedTimeAndItsCallsAreCounted() throws Exception {
		String a = emulator.issueTokens("listener00001", "family-a", SpotifyEmulator.DEFAULT_SCOPE).accessToken();
		String b = emulator.issueTokens("listener00002", "family-b", SpotifyEmulator.DEFAULT_SCOPE).accessToken();
		Instant until = emulator.now().plus(Duration.ofMinutes(90));
		HttpResponse<String> added = http.form("/_emulator/faults", "quota_exceeded:client=family-a:until=" + until,
				null);
		assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
		long callsBefore = emulator.apiCalls("family-a");
		long refusedBefore = emulator.quotaExceededCalls("family-a");

		HttpResponse<String> refused = http.get("/v1/me/player/recently-played", a);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue(String.valueOf(90 * 60));
		JsonNode error = mapper.readTree(refused.body()).get("error");
		assertThat(error.get("status").asInt()).isEqualTo(429);
		assertThat(error.get("message").asString()).isEqualTo("Too many requests");
		assertThat(error.get("reason").asString()).isEqualTo("QUOTA_EXCEEDED");
		assertThat(http.get("/v1/me", b).statusCode()).as("another app of the owner, narrowed to one client id")
			.isEqualTo(200);

		emulator.advance(Duration.ofMinutes(60));
		HttpResponse<String> later = http.get("/v1/me", a);
		assertThat(later.statusCode()).isEqualTo(429);
		assertThat(later.headers().firstValue("Retry-After")).as("what is left of the pause")
			.hasValue(String.valueOf(30 * 60));
		assertThat(emulator.quotaExceededCalls("family-a") - refusedBefore).isEqualTo(2);
		assertThat(emulator.apiCalls("family-a") - callsBefore).isEqualTo(2);
		JsonNode state = http.getJson("/_emulator/state", null);
		assertThat(state.get("faultRules").get(0).get("hits").asLong()).isEqualTo(2);
		JsonNode app = null;
		for (JsonNode candidate : state.get("apps")) {
			if (candidate.get("client_id").asString().equals("family-a")) {
				app = candidate;
			}
		}
		assertThat(app).isNotNull();
		assertThat(app.get("quota_exceeded").asLong()).isEqualTo(refusedBefore + 2);
		assertThat(app.get("owner").asString()).isEqualTo("dev-one");
		assertThat(app.has("client_secret")).isFalse();

		emulator.advance(Duration.ofMinutes(30));
		assertThat(http.get("/v1/me", a).statusCode()).as("the pause is over").isEqualTo(200);
		assertThat(emulator.quotaExceededCalls("family-a") - refusedBefore).isEqualTo(2);
	}

	@Test
	void theQuotaOfADeveloperAccountCoversAllItsApps() throws Exception {
		String a = emulator.issueTokens("listener00001", "family-a", SpotifyEmulator.DEFAULT_SCOPE).accessToken();
		String b = emulator.issueTokens("listener00002", "family-b", SpotifyEmulator.DEFAULT_SCOPE).accessToken();
		String other = emulator.issueTokens("listener00003", "other", SpotifyEmulator.DEFAULT_SCOPE).accessToken();
		emulator.inject(Fault.quotaExceeded().forOwner("dev-one").withRetryAfter(Duration.ofSeconds(600)));
		HttpResponse<String> refused = http.get("/v1/me", a);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("600");
		assertThat(http.get("/v1/me", b).statusCode()).isEqualTo(429);
		assertThat(http.get("/v1/me", other).statusCode()).isEqualTo(200);
		assertThat(emulator.activeFaults()).extracting(Fault::describe)
			.containsExactly("quota_exceeded:retry_after=600:owner=dev-one:target=api");
	}

	@Test
	void anOrdinaryRateLimitHasNoReason() throws Exception {
		String token = emulator.issueTokens("listener00001").accessToken();
		emulator.inject(Fault.rateLimited(Duration.ofSeconds(2)).times(1));
		HttpResponse<String> limited = http.get("/v1/me", token);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(mapper.readTree(limited.body()).get("error").has("reason")).isFalse();
	}

}
