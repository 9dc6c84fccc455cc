package org.spotifymcp.collector.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.TestDatabase;
import org.spotifymcp.shared.testing.WebhookReceiver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CollectorWatchdogTest {

	static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	static final WebhookReceiver webhook = WebhookReceiver.start();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.ops.alert-webhook-url", webhook::url);
		registry.add("app.collector.interval-seconds", () -> "600");
		// the test calls the checks itself
		registry.add("app.alerts.watchdog-interval", () -> "1h");
	}

	@TestConfiguration
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@Autowired
	CollectorWatchdog watchdog;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void emptyTables() {
		this.jdbc.update("delete from job_runs");
		this.jdbc.update("delete from spotify_tokens");
		this.jdbc.update("delete from users");
		this.jdbc.update("delete from alert_throttle");
		webhook.clear();
	}

	@AfterAll
	static void stopWebhook() {
		webhook.close();
	}

	@Test
	void noFinishedJobForThreeIntervalsWithActiveUsersIsSilence() {
		int user = user("alice", NOW.minus(Duration.ofDays(2)));
		run("poll", user, "success", NOW.minus(Duration.ofMinutes(31)), null);

		assertThat(this.watchdog.checkSilence()).isTrue();
		assertThat(webhook.bodies()).singleElement()
			.asString()
			.contains("[Collector silent] No collector job has finished for 31 minutes")
			.contains("while 1 users are active");
	}

	@Test
	void aJobWithinThreeIntervalsIsNotSilence() {
		int user = user("alice", NOW.minus(Duration.ofDays(2)));
		run("poll", user, "success", NOW.minus(Duration.ofMinutes(29)), null);

		assertThat(this.watchdog.checkSilence()).isFalse();
		assertThat(webhook.bodies()).isEmpty();
	}

	@Test
	void withoutActiveUsersQuietIsNotSilence() {
		int revoked = user("bob", NOW.minus(Duration.ofDays(2)));
		this.jdbc.update("update spotify_tokens set status = 'revoked' where user_id = ?", revoked);
		user("carol", NOW.minus(Duration.ofMinutes(5)));

		assertThat(this.watchdog.checkSilence()).as("one revoked, one connected 5 minutes ago").isFalse();
		assertThat(webhook.bodies()).isEmpty();
	}

	@Test
	void threeFailedRunsInARowOfOneJobAreAStreak() {
		int alice = user("alice", NOW.minus(Duration.ofDays(2)));
		int bob = user("bob", NOW.minus(Duration.ofDays(2)));
		run("poll", alice, "error", NOW.minus(Duration.ofMinutes(30)), "HTTP 500");
		run("poll", alice, "error", NOW.minus(Duration.ofMinutes(20)), "HTTP 502");
		run("poll", alice, "error", NOW.minus(Duration.ofMinutes(10)), "HTTP 503 from Spotify");
		// bob failed three times too, but his latest run worked
		run("poll", bob, "error", NOW.minus(Duration.ofMinutes(40)), "HTTP 500");
		run("poll", bob, "error", NOW.minus(Duration.ofMinutes(30)), "HTTP 500");
		run("poll", bob, "error", NOW.minus(Duration.ofMinutes(20)), "HTTP 500");
		run("poll", bob, "success", NOW.minus(Duration.ofMinutes(10)), null);
		// two failures are not yet a streak
		run("initial-sync", bob, "error", NOW.minus(Duration.ofMinutes(20)), "timeout");
		run("initial-sync", bob, "error", NOW.minus(Duration.ofMinutes(10)), "timeout");

		assertThat(this.watchdog.checkFailureStreaks()).singleElement().satisfies((streak) -> {
			assertThat(streak.jobType()).isEqualTo("poll");
			assertThat(streak.userId()).isEqualTo(alice);
			assertThat(streak.failures()).isEqualTo(3);
			assertThat(streak.lastError()).isEqualTo("HTTP 503 from Spotify");
		});
		assertThat(webhook.bodies()).singleElement()
			.asString()
			.contains("- poll for user " + alice + ": 3 failures in a row, last: HTTP 503 from Spotify");

		// the next check finds the same streak but the alert is throttled
		assertThat(this.watchdog.checkFailureStreaks()).hasSize(1);
		assertThat(webhook.bodies()).hasSize(1);
	}

	private int user(String spotifyId, Instant tokenSince) {
		Integer id = this.jdbc.queryForObject("insert into users (spotify_user_id) values (?) returning id",
				Integer.class, spotifyId);
		this.jdbc.update("insert into spotify_tokens (user_id, refresh_token_encrypted, updated_at) values (?, 'x', ?)",
				id, Timestamp.from(tokenSince));
		return id;
	}

	private void run(String type, int user, String status, Instant finishedAt, String error) {
		this.jdbc.update("""
				insert into job_runs (job_type, user_id, status, started_at, finished_at, error_message)
				values (?, ?, ?, ?, ?, ?)""", type, user, status, Timestamp.from(finishedAt.minusSeconds(5)),
				Timestamp.from(finishedAt), error);
	}

}
