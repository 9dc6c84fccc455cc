package org.spotifymcp.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.spotifymcp.shared.config.DotEnvFile;

/**
 * Demo mode: with no {@code SPOTIFY_CLIENT_ID} configured, the Spotify emulator stands in
 * for Spotify so the whole flow (login, polling, MCP) can be tried without a Spotify
 * developer app.
 *
 * @param enabled whether demo mode is on
 * @param process the emulator process, or {@code null} when its jar has not been built
 * @param serviceEnvironment what the services need to talk to the emulator
 */
record DemoSpotify(boolean enabled, ServiceProcess process, Map<String, String> serviceEnvironment) {

	static final String CLIENT_ID = "spotify-mcp-demo-client";

	static final String CLIENT_SECRET = "spotify-mcp-demo-secret";

	/**
	 * Where the emulator keeps what it handed out, so users connected in demo mode stay
	 * connected and keep being collected across restarts.
	 */
	static Path stateFile(Path data) {
		return data.resolve("demo-spotify").resolve("state.json");
	}

	static DemoSpotify configure(Path root, Path data, Map<String, String> environment, Map<String, String> dotEnv,
			int port) {
		if (DotEnvFile.lookup("SPOTIFY_CLIENT_ID", environment, dotEnv) != null) {
			return new DemoSpotify(false, null, Map.of());
		}
		String baseUrl = "http://127.0.0.1:" + port;
		Path jar = root.resolve("spotify-emulator/target/spotify-emulator-exec.jar");
		ServiceProcess process = Files.isRegularFile(jar)
				? new ServiceProcess("spotify-emulator", jar, URI.create(baseUrl + "/_emulator/state")) : null;
		if (process == null) {
			System.out.println("Demo mode: the Spotify emulator is not built (" + jar + "); Spotify login is off.");
		}
		return new DemoSpotify(true, process,
				Map.of("SPOTIFY_DEMO", "true", "SPOTIFY_CLIENT_ID", CLIENT_ID, "SPOTIFY_CLIENT_SECRET", CLIENT_SECRET,
						"SPOTIFY_ACCOUNTS_BASE_URL", baseUrl, "SPOTIFY_API_BASE_URL", baseUrl, "EMULATOR_PORT",
						String.valueOf(port), "EMULATOR_STATE_FILE", stateFile(data).toString()));
	}

}
