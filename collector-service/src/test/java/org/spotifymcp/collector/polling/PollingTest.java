package org.spotifymcp.collector.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.spotify.SpotifyTokenStore;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.users.UserRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental polls driven by hand against the emulator (job engine not started, emulator
 * clock frozen): collected plays equal the emulator's truth, a coverage gap is recorded
 * when 80 plays happen between two polls, heavy listeners get a shorter interval, paused
 * and disconnected users are left alone, and the request budget holds across collectors.
 */
class PollingTest extends HandDrivenCollectorTest {

	@Autowired
	UserPoller poller;

	@Autowired
	CollectionReconciler reconciler;

	@Test
	void pollsCollectExactlyWhatWasPlayedWithoutDuplicates() {
		int user = this.listeners.connect("poll-truth");
		Instant start = emulator.now();
		this.listeners.listen("poll-truth", start.minus(Duration.ofMinutes(30)), 10, Duration.ofMinutes(3));
		assertThat(poll(user).stops()).isFalse();
		assertThat(this.listeners.collected(user)).hasSize(10);
		this.listeners.listen("poll-truth", start.plusSeconds(61), 12, Duration.ofMinutes(4));
		emulator.advance(Duration.ofMinutes(50));
		poll(user);
		emulator.advance(Duration.ofMinutes(10));
		poll(user);
		poll(user);
		assertThat(this.listeners.collected(user)).hasSize(22).isEqualTo(this.listeners.truth("poll-truth"));
		// the polls kept every rollup exact; the API's plays carry no duration and count
		assertThat(RollupChecks.TABLES)
			.allSatisfy((table) -> assertThat(RollupChecks.mismatches(this.jdbc, table, user)).as(table).isEmpty());
		assertThat(this.jdbc.queryForObject("SELECT sum(plays) FROM user_track_totals WHERE user_id = ?", Long.class,
				user))
			.isEqualTo(22);
		Map<String, Object> lastRun = this.jdbc.queryForMap(
				"SELECT status, stats::text AS stats FROM job_runs WHERE user_id = ? ORDER BY id DESC LIMIT 1", user);
		assertThat(lastRun.get("status")).isEqualTo("success");
		assertThat((String) lastRun.get("stats")).contains("\"fetched\": 0").contains("\"pages\": 1");
		assertThat(this.listeners.checkpointStatus(user)).isEqualTo("polling");
		assertThat(this.jdbc
			.queryForObject("SELECT last_played_at FROM sync_checkpoints WHERE user_id = ?", java.sql.Timestamp.class,
					user)
			.toInstant()).isEqualTo(emulator.plays("poll-truth").get(21).playedAt());
	}

	@Test
	void eightyPlaysBetweenTwoPollsLeaveARecordedGapAndShortenTheInterval() {
		int user = this.listeners.connect("poll-gap");
		Instant start = emulator.now();
		this.listeners.listen("poll-gap", start.minus(Duration.ofMinutes(20)), 5, Duration.ofMinutes(3));
		poll(user);
		Instant previousLatest = emulator.plays("poll-gap").get(4).playedAt();
		// 80 plays in 10 minutes: the API only remembers the newest 50
		this.listeners.listen("poll-gap", start.plusSeconds(5), 80, Duration.ofMillis(7_500));
		emulator.advance(Duration.ofMinutes(10));
		poll(user);
		List<String> truth = this.listeners.truth("poll-gap");
		Instant oldestReturned = emulator.plays("poll-gap").get(5 + 30).playedAt();
		Map<String, Object> gap = this.jdbc
			.queryForMap("SELECT gap_start, gap_end, job_run_id FROM coverage_gaps WHERE user_id = ?", user);
		assertThat(((java.sql.Timestamp) gap.get("gap_start")).toInstant()).isEqualTo(previousLatest);
		assertThat(((java.sql.Timestamp) gap.get("gap_end")).toInstant()).isEqualTo(oldestReturned);
		assertThat(gap.get("job_run_id")).isNotNull();
		// the 5 early plays and the newest 50; the 30 in between are what the gap stands
		// for
		assertThat(this.listeners.collected(user)).hasSize(55)
			.containsAll(truth.subList(0, 5))
			.containsAll(truth.subList(35, 85))
			.doesNotContainAnyElementsOf(truth.subList(5, 35));
		// 50 new plays in 600 s at a target of 20 plays per poll: 240 s instead of 600 s
		assertThat(this.jdbc.queryForObject("SELECT poll_interval_seconds FROM sync_checkpoints WHERE user_id = ?",
				Integer.class, user))
			.isEqualTo(240);
	}

	@Test
	void pausedUsersAreNotPolledUntilResumed() {
		int user = this.listeners.connect("poll-paused");
		this.listeners.listen("poll-paused", emulator.now().minus(Duration.ofMinutes(10)), 3, Duration.ofMinutes(2));
		poll(user);
		this.listeners.setStatus(user, "paused");
		long requests = emulator.requestCount("/v1/me/player/recently-played");
		long runs = this.listeners.jobRuns(user, UserPoller.JOB_TYPE);
		assertThat(poll(user).stops()).isTrue();
		assertThat(emulator.requestCount("/v1/me/player/recently-played")).isEqualTo(requests);
		assertThat(this.listeners.jobRuns(user, UserPoller.JOB_TYPE)).isEqualTo(runs);
		SchedulerClient scheduler = schedulerClient();
		this.reconciler.reconcile(scheduler);
		assertThat(scheduledFor(user)).isZero();
		this.listeners.setStatus(user, "polling");
		this.reconciler.reconcile(scheduler);
		assertThat(scheduledFor(user)).isOne();
		assertThat(poll(user).stops()).isFalse();
	}

	@Test
	void revokedRefreshTokenStopsPollingForGood() {
		int user = this.listeners.connect("poll-revoked");
		this.listeners.listen("poll-revoked", emulator.now().minus(Duration.ofMinutes(10)), 3, Duration.ofMinutes(2));
		poll(user);
		emulator.revokeRefreshTokens("poll-revoked");
		emulator.expireAccessTokens();
		emulator.advance(Duration.ofMinutes(10));
		assertThat(poll(user).stops()).isTrue();
		assertThat(this.listeners.checkpointStatus(user)).isEqualTo("reauth_required");
		assertThat(this.jdbc.queryForObject("SELECT status FROM spotify_tokens WHERE user_id = ?", String.class, user))
			.isEqualTo("revoked");
		long tokenRequests = emulator.requestCount("/api/token");
		assertThat(poll(user).stops()).isTrue();
		assertThat(emulator.requestCount("/api/token")).isEqualTo(tokenRequests);
		this.reconciler.reconcile(schedulerClient());
		assertThat(scheduledFor(user)).isZero();
	}

	@Test
	void requestBudgetHoldsAcrossTwoCollectors() {
		CollectorProperties fivePerSecond = new CollectorProperties(600, true, 30, 200, 2, true, 5);
		SpotifyRequestBudget first = new SpotifyRequestBudget(this.jdbc, "test", fivePerSecond,
				new SimpleMeterRegistry());
		SpotifyRequestBudget second = new SpotifyRequestBudget(this.jdbc, "test", fivePerSecond,
				new SimpleMeterRegistry());
		long started = System.nanoTime();
		CompletableFuture<Void> a = CompletableFuture.runAsync(() -> take(first, 10));
		CompletableFuture<Void> b = CompletableFuture.runAsync(() -> take(second, 10));
		a.join();
		b.join();
		double seconds = (System.nanoTime() - started) / 1e9;
		// 20 requests at 5/s with a burst of 5: the last one may go out after 3 s, not
		// before
		assertThat(seconds).isGreaterThanOrEqualTo(2.9).isLessThan(6);
	}

	private static void take(SpotifyRequestBudget budget, int requests) {
		try {
			for (int i = 0; i < requests; i++) {
				budget.acquire();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private PollOutcome poll(int user) {
		return this.poller.poll(user, "test", () -> false);
	}

	private long scheduledFor(int user) {
		return this.jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Long.class,
				String.valueOf(user));
	}

	private SchedulerClient schedulerClient() {
		return SchedulerClient.Builder.create(this.jdbc.getDataSource()).enablePriority().build();
	}

}
