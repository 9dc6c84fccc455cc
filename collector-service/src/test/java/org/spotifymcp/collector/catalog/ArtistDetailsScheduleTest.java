package org.spotifymcp.collector.catalog;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.spotifymcp.collector.polling.EmulatedListeners;
import org.spotifymcp.emulator.Fault;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.spotify.SpotifyTokenStore;
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
 * The artist-details task on the running job engine: its own recurring execution below
 * the polls' priority, so a poll is never held up by it, even while Spotify keeps the
 * task waiting for an answer.
 */
@SpringBootTest
class ArtistDetailsScheduleTest {

	static final SpotifyEmulator emulator = EmulatedListeners.startEmulator(true);

	/** How long Spotify keeps the task's calls waiting. */
	static final Duration HANG = Duration.ofSeconds(8);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		EmulatedListeners.register(registry, emulator);
		registry.add("app.jobs.polling-interval", () -> "100ms");
		registry.add("app.jobs.heartbeat-interval", () -> "1s");
		registry.add("app.polling.reconcile-interval", () -> "1s");
		registry.add("app.polling.initial-sync-slot-wait", () -> "1s");
		registry.add("app.artist-details.interval", () -> "1s");
		registry.add("app.artist-details.batch-size", () -> "3");
		// a slow answer is waited for, not cut off and retried
		registry.add("app.spotify.client.read-timeout", () -> "20s");
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

	@Test
	void aPollIsNotHeldUpWhileTheTaskWaitsForSpotify() {
		EmulatedListeners listeners = new EmulatedListeners(emulator, this.users, this.tokens, this.jdbc);
		// the task reads the catalog with the first usable listener's token: Spotify is
		// slow for that listener only
		listeners.connect("details-catalog");
		emulator.inject(Fault.slow(HANG).forUser("details-catalog"));
		int listener = listeners.connect("details-listener");
		listeners.listen("details-listener", emulator.now().minus(Duration.ofHours(1)), 20, Duration.ofMinutes(3));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> listeners.collected(listener).equals(listeners.truth("details-listener")));

		// the task has asked about an artist and waits for the answer
		await().atMost(Duration.ofSeconds(20)).until(() -> emulator.requestCount("/v1/artists/{id}") > 0);
		long waitingSince = System.nanoTime();
		assertThat(checked()).isZero();

		// meanwhile the listener plays on and the next poll is due: it runs at once
		listeners.listen("details-listener", emulator.now().minus(Duration.ofMinutes(3)), 3, Duration.ofSeconds(40));
		emulator.advance(Duration.ofMinutes(10));
		await().atMost(HANG)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> listeners.collected(listener).equals(listeners.truth("details-listener")));
		assertThat(Duration.ofNanos(System.nanoTime() - waitingSince)).isLessThan(HANG);
		assertThat(checked()).as("the task still waits for its first answer").isZero();

		// the task goes on once Spotify answers, and never ran above a poll
		await().atMost(Duration.ofSeconds(60)).until(() -> checked() > 0);
		assertThat(this.jdbc.queryForObject("SELECT priority FROM scheduled_tasks WHERE task_name = ?", Integer.class,
				ArtistDetailsFiller.TASK_NAME))
			.isLessThan(JobTasks.priorityOf(JobTasks.POLL_USER));
		assertThat(emulator.requestCount("/v1/artists")).isZero();
	}

	private long checked() {
		return this.jdbc.queryForObject("SELECT count(*) FROM artists WHERE details_checked_at IS NOT NULL",
				Long.class);
	}

}
