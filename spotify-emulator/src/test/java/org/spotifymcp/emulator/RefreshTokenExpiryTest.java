package org.spotifymcp.emulator;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spotifymcp.emulator.EmulatorHttp.mapper;

/**
 * Spotify's 2026 rule: a refresh token works for six months after the user's consent,
 * refreshing does not extend it, and a new consent starts a new six months.
 */
class RefreshTokenExpiryTest {

	private static final String ID = EmulatorSettings.DEMO_CLIENT_ID;

	private static final String SECRET = EmulatorSettings.DEMO_CLIENT_SECRET;

	@TempDir
	Path directory;

	@Test
	void refreshTokensExpireSixMonthsAfterConsentHoweverOftenTheyAreUsed() throws Exception {
		try (SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults())) {
			EmulatorHttp http = new EmulatorHttp(emulator);
			Instant consentedAt = emulator.now();
			Instant expiry = consentedAt.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant();
			String refresh = http.connect(ID, SECRET, "listener00001", "user-read-recently-played")
				.get("refresh_token")
				.asString();

			JsonNode state = http.getJson("/_emulator/state", null);
			JsonNode consent = state.get("consents").get(0);
			assertThat(consent.get("user").asString()).isEqualTo("listener00001");
			assertThat(consent.get("client_id").asString()).isEqualTo(ID);
			assertThat(consent.get("consented_at").asString()).isEqualTo(consentedAt.toString());
			assertThat(consent.get("refresh_expires_at").asString()).isEqualTo(expiry.toString());

			// refreshed every month: still ends six months after the consent
			for (int month = 1; month <= 5; month++) {
				emulator.advance(Duration.ofDays(30));
				HttpResponse<String> refreshed = http.refresh(refresh, ID, SECRET);
				assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			}
			emulator.setNow(expiry.minusSeconds(1));
			assertThat(http.refresh(refresh, ID, SECRET).statusCode()).isEqualTo(200);
			assertThat(emulator.consents()).singleElement()
				.extracting(Consent::refreshExpiresAt)
				.as("refreshing did not move the expiry")
				.isEqualTo(expiry);

			http.form("/_emulator/clock/advance?seconds=1", "", null);
			HttpResponse<String> expired = http.refresh(refresh, ID, SECRET);
			assertThat(expired.statusCode()).isEqualTo(400);
			assertThat(mapper.readTree(expired.body()).get("error").asString()).isEqualTo("invalid_grant");
			assertThat(mapper.readTree(expired.body()).get("error_description").asString())
				.isEqualTo("Refresh token expired");

			String renewed = http.connect(ID, SECRET, "listener00001", "user-read-recently-played")
				.get("refresh_token")
				.asString();
			assertThat(http.refresh(renewed, ID, SECRET).statusCode()).as("a new consent starts a new six months")
				.isEqualTo(200);
			assertThat(emulator.consents()).singleElement().extracting(Consent::consentedAt).isEqualTo(emulator.now());
		}
	}

	@Test
	void rotatedRefreshTokensKeepTheConsentOfTheFirstOne() throws Exception {
		try (SpotifyEmulator emulator = SpotifyEmulator
			.start(EmulatorSettings.defaults().withRotateRefreshTokens(true))) {
			EmulatorHttp http = new EmulatorHttp(emulator);
			String refresh = emulator.issueTokens("listener00002").refreshToken();
			emulator.advance(Duration.ofDays(150));
			String rotated = mapper.readTree(http.refresh(refresh, ID, SECRET).body()).get("refresh_token").asString();
			emulator.advance(Duration.ofDays(40));
			HttpResponse<String> expired = http.refresh(rotated, ID, SECRET);
			assertThat(expired.statusCode()).isEqualTo(400);
			assertThat(expired.body()).contains("invalid_grant").contains("Refresh token expired");
		}
	}

	@Test
	void theConsentInstantSurvivesARestart() throws Exception {
		EmulatorSettings settings = EmulatorSettings.defaults().withStateFile(this.directory.resolve("state.json"));
		String refresh;
		Instant consentedAt;
		try (SpotifyEmulator first = SpotifyEmulator.start(settings)) {
			consentedAt = first.now();
			refresh = new EmulatorHttp(first).connect(ID, SECRET, "listener00003", "user-top-read")
				.get("refresh_token")
				.asString();
			first.advance(Duration.ofDays(100));
		}
		try (SpotifyEmulator second = SpotifyEmulator.start(settings)) {
			assertThat(second.consents()).singleElement().extracting(Consent::consentedAt).isEqualTo(consentedAt);
			EmulatorHttp http = new EmulatorHttp(second);
			assertThat(http.refresh(refresh, ID, SECRET).statusCode()).isEqualTo(200);
			second.setNow(consentedAt.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant());
			assertThat(http.refresh(refresh, ID, SECRET).body()).contains("Refresh token expired");
		}
	}

}
