package org.spotifymcp.collector.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.spotifymcp.collector.polling.CheckpointStore;
import org.spotifymcp.collector.polling.CollectorMetrics;
import org.spotifymcp.collector.polling.HandDrivenCollectorTest;
import org.spotifymcp.collector.polling.JobRunRecorder;
import org.spotifymcp.collector.polling.ListeningHistory;
import org.spotifymcp.collector.polling.PlayWriter;
import org.spotifymcp.collector.polling.PollIntervalPolicy;
import org.spotifymcp.collector.polling.PollOutcome;
import org.spotifymcp.collector.polling.PollingProperties;
import org.spotifymcp.collector.polling.SpotifyRequestBudget;
import org.spotifymcp.collector.polling.UserPoller;
import org.spotifymcp.emulator.Fault;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The initial sync against the emulator, one test per stop condition (empty batch, no
 * progress, {@code INITIAL_SYNC_MAX_DAYS}, {@code INITIAL_SYNC_MAX_REQUESTS}, excessive
 * 429s), the checkpoint it leaves, the poll it hands over to, and the cluster-wide slot
 * limit.
 */
class InitialSyncTest extends HandDrivenCollectorTest {

	@Autowired
	ListeningHistory history;

	@Autowired
	SpotifyRequestBudget budget;

	@Autowired
	PlayWriter writer;

	@Autowired
	CheckpointStore checkpoints;

	@Autowired
	JobRunRecorder runs;

	@Autowired
	JobQueue queue;

	@Autowired
	CollectorMetrics metrics;

	@Autowired
	PollingProperties polling;

	@Autowired
	UserPoller poller;

	@Autowired
	DataSource dataSource;

	@Autowired
	Clock clock;

	@Test
	void stopsOnAnEmptyBatchAndHandsOverToPolling() {
		int user = this.listeners.connect("sync-empty");
		Instant now = emulator.now();
		this.listeners.listen("sync-empty", now.minus(Duration.ofHours(2)), 30, Duration.ofMinutes(3));
		assertThat(sync(settings(30, 200, true), user).stops()).isTrue();
		Map<String, Object> run = lastRun(user);
		assertThat(run.get("status")).isEqualTo("success");
		assertThat((String) run.get("stats")).contains("\"stop_reason\": \"empty_batch\"")
			.contains("\"pages\": 2")
			.contains("\"inserted\": 30");
		assertThat(this.listeners.collected(user)).isEqualTo(this.listeners.truth("sync-empty"));
		Map<String, Object> checkpoint = checkpoint(user);
		assertThat(checkpoint.get("status")).isEqualTo("polling");
		assertThat(instant(checkpoint.get("initial_sync_started_at"))).isEqualTo(now);
		assertThat(instant(checkpoint.get("initial_sync_completed_at"))).isEqualTo(now);
		assertThat(instant(checkpoint.get("initial_sync_earliest_at"))).isEqualTo(now.minus(Duration.ofHours(2)));
		assertThat(instant(checkpoint.get("last_played_at")))
			.isEqualTo(now.minus(Duration.ofHours(2)).plus(Duration.ofMinutes(3 * 29)));
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?", Long.class,
				JobTasks.POLL_USER.getTaskName(), String.valueOf(user)))
			.isOne();
	}

	@Test
	void stopsWhenAPageAddsNothingNew() {
		int user = this.listeners.connect("sync-no-progress");
		this.listeners.listen("sync-no-progress", emulator.now().minus(Duration.ofHours(1)), 20, Duration.ofMinutes(2));
		// a poll collected everything already
		this.poller.poll(user, "test", () -> false);
		long requests = emulator.requestCount("/v1/me/player/recently-played");
		sync(settings(30, 200, true), user);
		assertThat((String) lastRun(user).get("stats")).contains("\"stop_reason\": \"no_progress\"")
			.contains("\"inserted\": 0")
			.contains("\"pages\": 1");
		assertThat(emulator.requestCount("/v1/me/player/recently-played") - requests).isOne();
		assertThat(this.listeners.collected(user)).hasSize(20);
	}

	@Test
	void stopsAtTheMaximumAge() {
		int user = this.listeners.connect("sync-max-days");
		Instant now = emulator.now();
		// one play a day for 45 days, all still in the API's 50-play memory
		this.listeners.listen("sync-max-days", now.minus(Duration.ofDays(45)).plusSeconds(60), 45, Duration.ofDays(1));
		sync(settings(30, 200, true), user);
		assertThat((String) lastRun(user).get("stats")).contains("\"stop_reason\": \"max_days\"");
		List<String> expected = this.listeners.truth("sync-max-days", now.minus(Duration.ofDays(30)).minusMillis(1),
				now);
		assertThat(expected).hasSize(30);
		assertThat(this.listeners.collected(user)).isEqualTo(expected);
		assertThat(instant(checkpoint(user).get("initial_sync_earliest_at")))
			.isAfterOrEqualTo(now.minus(Duration.ofDays(30)));
	}

	@Test
	void stopsAfterTheMaximumNumberOfRequests() {
		int user = this.listeners.connect("sync-max-requests");
		this.listeners.listen("sync-max-requests", emulator.now().minus(Duration.ofHours(3)), 50,
				Duration.ofMinutes(3));
		long requests = emulator.requestCount("/v1/me/player/recently-played");
		sync(settings(30, 1, true), user);
		assertThat((String) lastRun(user).get("stats")).contains("\"stop_reason\": \"max_requests\"")
			.contains("\"pages\": 1")
			.contains("\"inserted\": 50");
		assertThat(emulator.requestCount("/v1/me/player/recently-played") - requests).isOne();
	}

	@Test
	void stopsWhenSpotifyRateLimitsTooOften() {
		int user = this.listeners.connect("sync-429");
		this.listeners.listen("sync-429", emulator.now().minus(Duration.ofHours(1)), 10, Duration.ofMinutes(3));
		// two 429s per page are absorbed by the client's retries; the sync allows only
		// one
		emulator.inject(Fault.rateLimited(Duration.ZERO).forUser("sync-429").times(2));
		sync(settings(30, 200, true), user, 1);
		Map<String, Object> run = lastRun(user);
		assertThat(run.get("status")).isEqualTo("partial");
		assertThat((String) run.get("stats")).contains("\"stop_reason\": \"rate_limited\"")
			.contains("\"rate_limited\": 2")
			.contains("\"inserted\": 10");
		assertThat(checkpoint(user).get("initial_sync_completed_at")).isNotNull();
	}

	@Test
	void continuesPastFullPagesWhenStopOnNoProgressIsOff() {
		int user = this.listeners.connect("sync-keep-going");
		this.listeners.listen("sync-keep-going", emulator.now().minus(Duration.ofHours(1)), 20, Duration.ofMinutes(2));
		this.poller.poll(user, "test", () -> false);
		sync(settings(30, 200, false), user);
		assertThat((String) lastRun(user).get("stats")).contains("\"stop_reason\": \"empty_batch\"")
			.contains("\"pages\": 2");
	}

	@Test
	void concurrencyIsBoundedAcrossCollectors() {
		CollectorProperties one = settings(30, 200, true);
		InitialSyncSlots first = new InitialSyncSlots(this.dataSource, one);
		InitialSyncSlots second = new InitialSyncSlots(this.dataSource, one);
		Optional<InitialSyncSlots.Slot> held = first.tryAcquire();
		assertThat(held).isPresent();
		assertThat(second.tryAcquire()).isEmpty();
		int user = this.listeners.connect("sync-waits");
		Instant now = emulator.now();
		PollOutcome outcome = sync(one, user);
		assertThat(outcome.nextRunAt()).isEqualTo(now.plus(this.polling.initialSyncSlotWait()));
		assertThat(this.listeners.jobRuns(user, InitialSync.JOB_TYPE)).isZero();
		held.get().close();
		Optional<InitialSyncSlots.Slot> again = second.tryAcquire();
		assertThat(again).isPresent();
		again.get().close();
	}

	private PollOutcome sync(CollectorProperties settings, int user) {
		return sync(settings, user, this.polling.initialSyncMaxRateLimited());
	}

	private PollOutcome sync(CollectorProperties settings, int user, int maxRateLimited) {
		PollingProperties pollingSettings = new PollingProperties(this.polling.minIntervalSeconds(),
				this.polling.targetPlaysPerPoll(), this.polling.maxPagesPerPoll(), this.polling.reconcileInterval(),
				maxRateLimited, this.polling.initialSyncSlotWait(), this.polling.failureBackoffMax());
		InitialSync sync = new InitialSync(this.history, this.budget, this.writer, this.checkpoints, this.runs,
				new InitialSyncSlots(this.dataSource, settings), this.queue, this.metrics, settings, pollingSettings,
				new PollIntervalPolicy(settings, pollingSettings), this.clock);
		return sync.run(user, "test", () -> false);
	}

	private static CollectorProperties settings(int maxDays, int maxRequests, boolean stopOnNoProgress) {
		return new CollectorProperties(600, true, maxDays, maxRequests, 1, stopOnNoProgress, 1000);
	}

	private Map<String, Object> lastRun(int user) {
		return this.jdbc.queryForMap("SELECT status, stats::text AS stats FROM job_runs WHERE user_id = ?"
				+ " AND job_type = 'initial_sync' ORDER BY id DESC LIMIT 1", user);
	}

	private Map<String, Object> checkpoint(int user) {
		return this.jdbc.queryForMap("SELECT * FROM sync_checkpoints WHERE user_id = ?", user);
	}

	private static Instant instant(Object timestamp) {
		return ((java.sql.Timestamp) timestamp).toInstant();
	}

}
