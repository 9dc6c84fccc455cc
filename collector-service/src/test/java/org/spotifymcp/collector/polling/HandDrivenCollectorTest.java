package org.spotifymcp.collector.polling;

import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.spotify.SpotifyTokenStore;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that drive polls and syncs by hand: the job engine does not start, the
 * collector's clock is the emulator's frozen clock. Subclasses share one Spring context,
 * one database and one emulator; each test uses users of its own.
 */
@SpringBootTest
@Import(HandDrivenCollectorTest.EmulatorClock.class)
public abstract class HandDrivenCollectorTest {

	protected static final SpotifyEmulator emulator = EmulatedListeners.startEmulator(false);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		EmulatedListeners.register(registry, emulator);
		registry.add("app.jobs.auto-start", () -> "false");
	}

	@TestConfiguration
	static class EmulatorClock {

		@Bean
		Clock clock() {
			return emulator.clock();
		}

	}

	@Autowired
	protected UserRepository users;

	@Autowired
	protected SpotifyTokenStore tokens;

	@Autowired
	protected JdbcTemplate jdbc;

	protected EmulatedListeners listeners;

	@BeforeEach
	void listeners() {
		this.listeners = new EmulatedListeners(emulator, this.users, this.tokens, this.jdbc);
		emulator.clearFaults();
	}

}
