package org.spotifymcp.launcher;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode across a restart of {@code ./run-local}: the emulator, configured the way the
 * launcher starts it, still honours the refresh token a demo user got before.
 */
class DemoSpotifyTest {

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path root;

	@Test
	void aDemoUsersRefreshTokenWorksAfterARestart() throws Exception {
		Path data = this.root.resolve("data");
		DemoSpotify demo = DemoSpotify.configure(this.root, data, Map.of(), Map.of(), 8090);
		assertThat(demo.enabled()).isTrue();
		// what EmulatorMain makes of the environment the launcher gives the emulator
		// process,
		// on a free port instead of 8090
		Map<String, String> emulatorEnvironment = new HashMap<>(demo.serviceEnvironment());
		emulatorEnvironment.put("EMULATOR_PORT", "0");
		EmulatorSettings settings = EmulatorSettings.fromEnvironment(emulatorEnvironment);

		IssuedTokens tokens;
		try (SpotifyEmulator beforeRestart = SpotifyEmulator.start(settings)) {
			tokens = beforeRestart.issueTokens("listener00001");
		}
		assertThat(data.resolve("demo-spotify/state.json")).isRegularFile();

		try (SpotifyEmulator afterRestart = SpotifyEmulator.start(settings)) {
			HttpResponse<String> refreshed = refresh(afterRestart, tokens.refreshToken(), demo);
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			assertThat(refreshed.body()).contains("access_token");
		}
	}

	@Test
	void realSpotifyCredentialsTurnDemoModeOff() {
		DemoSpotify real = DemoSpotify.configure(this.root, this.root.resolve("data"),
				Map.of("SPOTIFY_CLIENT_ID", "a-real-app"), Map.of(), 8090);
		assertThat(real.enabled()).isFalse();
		assertThat(real.serviceEnvironment()).isEmpty();
	}

	private static HttpResponse<String> refresh(SpotifyEmulator emulator, String refreshToken, DemoSpotify demo)
			throws Exception {
		String form = "grant_type=refresh_token&refresh_token="
				+ URLEncoder.encode(refreshToken, StandardCharsets.UTF_8) + "&client_id="
				+ demo.serviceEnvironment().get("SPOTIFY_CLIENT_ID") + "&client_secret="
				+ demo.serviceEnvironment().get("SPOTIFY_CLIENT_SECRET");
		HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
