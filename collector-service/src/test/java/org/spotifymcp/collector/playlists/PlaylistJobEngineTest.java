package org.spotifymcp.collector.playlists;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spotifymcp.collector.polling.EmulatedListeners;
import org.spotifymcp.emulator.EmulatedPlaylist;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.playlists.PlaylistPreferences;
import org.spotifymcp.shared.spotify.SpotifyTokenStore;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector as it runs: a listener turns a playlist on (as the settings pages do),
 * the job engine claims the queued task and the playlist appears in their Spotify
 * account, filled from the plays the collector itself collected.
 */
@SpringBootTest
class PlaylistJobEngineTest {

	static final SpotifyEmulator emulator = EmulatedListeners.startEmulator(true);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		EmulatedListeners.register(registry, emulator);
		registry.add("app.jobs.polling-interval", () -> "200ms");
		registry.add("app.polling.reconcile-interval", () -> "1s");
		registry.add("app.polling.initial-sync-slot-wait", () -> "1s");
	}

	@TestConfiguration
	static class EmulatorClock {

		@Bean
		Clock clock() {
			return emulator.clock();
		}

	}

	@Autowired
	UserRepository users;

	@Autowired
	SpotifyTokenStore tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlaylistPreferences preferences;

	@Test
	void turningAPlaylistOnFillsItThroughTheJobEngine() {
		emulator.addUser(FakeUser.scriptedOnly("engine-1", "engine-1"));
		emulator.appendPlays("engine-1", emulator.now().minus(Duration.ofMinutes(40)), 8, Duration.ofMinutes(4));
		User user = this.users.save(new User("engine-1", "engine-1", "Europe/Berlin"));
		IssuedTokens issued = emulator.issueTokens("engine-1", EmulatorSettings.DEMO_CLIENT_ID,
				SpotifyEmulator.DEFAULT_SCOPE + " " + PlaylistPreferences.REQUIRED_SCOPE);
		this.tokens.saveLogin(user.getId(), issued.accessToken(), issued.refreshToken(),
				emulator.now().plus(issued.expiresIn()), issued.scope());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from plays where user_id = ?", Integer.class,
					user.getId()) == 8);

		this.preferences.change(user.getId(), List.of("on_repeat"), 5);

		await().atMost(Duration.ofSeconds(30)).until(() -> !emulator.playlistsOwnedBy("engine-1").isEmpty());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.preferences.status(user.getId()).kinds().get(3).trackCount() != null
					&& this.preferences.status(user.getId()).kinds().get(3).trackCount() == 5);
		EmulatedPlaylist playlist = emulator.playlistsOwnedBy("engine-1").get(0);
		assertThat(playlist.name()).isEqualTo("On repeat");
		assertThat(playlist.trackIds()).hasSize(5);
		assertThat(this.preferences.status(user.getId()).kinds().get(3).spotifyPlaylistId()).isEqualTo(playlist.id());
	}

}
