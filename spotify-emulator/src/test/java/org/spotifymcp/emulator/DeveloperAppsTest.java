package org.spotifymcp.emulator;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spotifymcp.emulator.EmulatorHttp.enc;
import static org.spotifymcp.emulator.EmulatorHttp.mapper;

/**
 * Several developer apps side by side: each has its own credentials and tokens, and a
 * development-mode app serves at most five users.
 */
class DeveloperAppsTest {

	private static final String SCOPE = "user-read-recently-played";

	@Test
	void appsRegisteredThroughTheControlApiHaveTheirOwnTokens() throws Exception {
		try (SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults())) {
			EmulatorHttp http = new EmulatorHttp(emulator);
			HttpResponse<String> registered = http
				.form("/_emulator/apps?client_id=kids-app&client_secret=kids-secret&owner=parent", "", null);
			assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
			assertThat(mapper.readTree(registered.body()).get("max_users").asInt()).isEqualTo(5);
			assertThat(emulator.apps()).extracting(DeveloperApp::clientId)
				.containsExactly(EmulatorSettings.DEMO_CLIENT_ID, "kids-app");

			JsonNode tokens = http.connect("kids-app", "kids-secret", "listener00001", SCOPE);
			assertThat(http.getJson("/v1/me", tokens.get("access_token").asString()).get("id").asString())
				.isEqualTo("listener00001");
			String refresh = tokens.get("refresh_token").asString();
			assertThat(http.refresh(refresh, "kids-app", "kids-secret").statusCode()).isEqualTo(200);

			HttpResponse<String> otherClient = http.refresh(refresh, EmulatorSettings.DEMO_CLIENT_ID,
					EmulatorSettings.DEMO_CLIENT_SECRET);
			assertThat(otherClient.statusCode()).isEqualTo(400);
			assertThat(mapper.readTree(otherClient.body()).get("error").asString()).isEqualTo("invalid_grant");
			HttpResponse<String> wrongSecret = http.refresh(refresh, "kids-app", EmulatorSettings.DEMO_CLIENT_SECRET);
			assertThat(mapper.readTree(wrongSecret.body()).get("error").asString()).isEqualTo("invalid_client");

			String code = http.consent("kids-app", "listener00002", SCOPE);
			HttpResponse<String> codeOfAnotherApp = http.exchange(code, EmulatorSettings.DEMO_CLIENT_ID,
					EmulatorSettings.DEMO_CLIENT_SECRET);
			assertThat(codeOfAnotherApp.statusCode()).isEqualTo(400);
			assertThat(mapper.readTree(codeOfAnotherApp.body()).get("error").asString()).isEqualTo("invalid_grant");

			HttpResponse<String> unknown = http.get("/authorize?client_id=nobody&response_type=code&redirect_uri="
					+ enc(EmulatorHttp.REDIRECT) + "&scope=" + SCOPE, null);
			assertThat(unknown.statusCode()).isEqualTo(400);
			assertThat(unknown.body()).contains("INVALID_CLIENT: Invalid client");

			JsonNode apps = http.getJson("/_emulator/apps", null).get("apps");
			assertThat(apps.get(1).get("users").get(0).asString()).isEqualTo("listener00001");
		}
	}

	@Test
	void theSixthUserOfADevelopmentModeAppIsNotRegistered() throws Exception {
		try (SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults().withUserCount(6))) {
			EmulatorHttp http = new EmulatorHttp(emulator);
			emulator.registerApp(DeveloperApp.developmentMode("five", "five-secret", "owner"));
			for (int i = 1; i <= 5; i++) {
				String token = http.connect("five", "five-secret", "listener0000" + i, SCOPE)
					.get("access_token")
					.asString();
				assertThat(http.get("/v1/me", token).statusCode()).isEqualTo(200);
			}
			String sixth = http.connect("five", "five-secret", "listener00006", SCOPE).get("access_token").asString();
			HttpResponse<String> refused = http.get("/v1/me/player/recently-played", sixth);
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).isEqualTo("User not registered in the Developer Dashboard");
			assertThat(emulator.appUsers("five")).hasSize(5).doesNotContain("listener00006");

			String again = http.connect("five", "five-secret", "listener00003", SCOPE).get("access_token").asString();
			assertThat(http.get("/v1/me", again).statusCode()).as("a user reconnecting keeps their place")
				.isEqualTo(200);
			String defaultApp = http
				.connect(EmulatorSettings.DEMO_CLIENT_ID, EmulatorSettings.DEMO_CLIENT_SECRET, "listener00006", SCOPE)
				.get("access_token")
				.asString();
			assertThat(http.get("/v1/me", defaultApp).statusCode()).as("the settings' app is grandfathered: no cap")
				.isEqualTo(200);
		}
	}

	@Test
	void aDeveloperAccountHoldsAtMostTwentyFiveApps() {
		try (SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults())) {
			for (int i = 1; i <= DeveloperApp.APPS_PER_DEVELOPER; i++) {
				emulator.registerApp(DeveloperApp.developmentMode("app-" + i, "secret", "busy"));
			}
			assertThatThrownBy(() -> emulator.registerApp(DeveloperApp.developmentMode("app-26", "secret", "busy")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("busy already has 25 client ids");
			assertThat(emulator.registerApp(DeveloperApp.developmentMode("app-1", "rotated", "busy")).clientSecret())
				.as("a known app may change its secret")
				.isEqualTo("rotated");
			assertThat(emulator.apps()).hasSize(List.of(EmulatorSettings.DEMO_CLIENT_ID).size() + 25);
		}
	}

}
