package org.spotifymcp.collector.polling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.collector.jobs.CollectorInstance;
import org.spotifymcp.emulator.Fault;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.jobs.JobQueue;
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
 * The collector as it runs: the job engine claims work, the reconciler schedules every
 * connected user, initial syncs hand over to recurring polls. The emulator's clock ticks
 * with real time and jumps forward to simulate hours of listening in seconds; after each
 * jump the test waits until every due poll has run. Collected plays must equal the
 * emulator's truth exactly, with faults injected, with a second collector on the same
 * database, and after a collector dies mid-poll.
 */
@SpringBootTest
class ScheduledCollectionTest {

	static final SpotifyEmulator emulator = EmulatedListeners.startEmulator(true);

	static final Duration STEP = Duration.ofMinutes(30);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		EmulatedListeners.register(registry, emulator);
		registry.add("app.jobs.polling-interval", () -> "100ms");
		registry.add("app.jobs.heartbeat-interval", () -> "1s");
		registry.add("app.jobs.missed-heartbeats-limit", () -> "4");
		registry.add("app.jobs.shutdown-max-wait", () -> "2s");
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
	JobQueue queue;

	@Autowired
	DataSource dataSource;

	@Autowired
	List<Task<?>> tasks;

	@Autowired
	CollectorInstance instance;

	EmulatedListeners listeners;

	@BeforeEach
	void listeners() {
		this.listeners = new EmulatedListeners(emulator, this.users, this.tokens, this.jdbc);
		emulator.clearFaults();
	}

	@Test
	void aSimulatedDayWithFaultsIsCollectedExactly() {
		Map<String, Integer> day = connect("day", 4);
		Instant start = emulator.now();
		Instant scriptEnd = start.plus(Duration.ofHours(23));
		int spacingSeconds = 75;
		for (String listener : day.keySet()) {
			Instant first = start.minus(Duration.ofMinutes(40)).plusSeconds(7);
			int count = (int) (Duration.between(first, scriptEnd).toSeconds() / spacingSeconds);
			this.listeners.listen(listener, first, count, Duration.ofSeconds(spacingSeconds));
			spacingSeconds += 60;
		}
		awaitInitialSyncs(day.values());
		Instant revokedAt = null;
		for (int step = 1; step <= 48; step++) {
			switch (step) {
				case 8 -> emulator.inject(Fault.rateLimited(Duration.ZERO).times(4));
				case 16 -> emulator.inject(Fault.serverError(503).times(4));
				case 24 -> emulator.inject(Fault.slow(Duration.ofSeconds(1)).times(2));
				case 32 -> {
					emulator.revokeRefreshTokens("day-3");
					emulator.expireAccessTokens();
					revokedAt = emulator.now();
				}
				default -> {
				}
			}
			emulator.advance(STEP);
			awaitIdle();
		}
		for (Map.Entry<String, Integer> listener : day.entrySet()) {
			if (listener.getKey().equals("day-3")) {
				continue;
			}
			List<String> truth = this.listeners.truth(listener.getKey());
			assertThat(truth).hasSizeGreaterThan(300);
			assertThat(this.listeners.collected(listener.getValue())).as(listener.getKey()).isEqualTo(truth);
		}
		int revoked = day.get("day-3");
		assertThat(this.listeners.collected(revoked))
			.isEqualTo(this.listeners.truth("day-3", Instant.EPOCH, revokedAt));
		assertThat(this.listeners.checkpointStatus(revoked)).isEqualTo("reauth_required");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM job_runs WHERE user_id = ? AND started_at > ?",
				Long.class, revoked, Timestamp.from(revokedAt)))
			.as("one failed poll after the revocation, then none")
			.isOne();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Long.class,
				String.valueOf(revoked)))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM coverage_gaps", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM job_runs WHERE job_type = 'poll' AND stats ->> 'rate_limited' <> '0'",
				Long.class))
			.isPositive();
		assertNoOverlappingRuns();
	}

	@Test
	void twoCollectorsShareTheWorkWithoutPollingAUserTwiceAtOnce() {
		Map<String, Integer> pair = connect("pair", 4);
		Instant start = emulator.now();
		for (String listener : pair.keySet()) {
			this.listeners.listen(listener, start.minus(Duration.ofMinutes(20)).plusSeconds(listener.length()), 200,
					Duration.ofMinutes(2));
		}
		Scheduler second = secondCollector("collector-b");
		second.start();
		try {
			awaitInitialSyncs(pair.values());
			Instant from = emulator.now();
			for (int step = 1; step <= 8; step++) {
				emulator.advance(STEP);
				awaitIdle();
			}
			for (Map.Entry<String, Integer> listener : pair.entrySet()) {
				assertThat(this.listeners.collected(listener.getValue())).as(listener.getKey())
					.isEqualTo(this.listeners.truth(listener.getKey()));
			}
			List<String> collectors = this.jdbc.queryForList(
					"SELECT DISTINCT instance_id FROM job_runs WHERE job_type = 'poll' AND started_at > ?",
					String.class, Timestamp.from(from));
			assertThat(collectors).contains("collector-b", this.instance.id());
			assertNoOverlappingRuns();
		}
		finally {
			second.stop();
		}
	}

	@Test
	void aDeadCollectorsPollIsTakenOverAndItsRunClosed() {
		int user = connect("orphan", 1).get("orphan-1");
		awaitInitialSyncs(List.of(user));
		this.listeners.listen("orphan-1", emulator.now().plusSeconds(1), 5, Duration.ofMinutes(1));
		emulator.advance(Duration.ofMinutes(6));
		Instant now = emulator.now();
		// exactly what a collector killed mid-poll leaves behind: its claim and its open
		// run
		this.jdbc.update(
				"UPDATE scheduled_tasks SET picked = true, picked_by = 'dead-collector',"
						+ " last_heartbeat = ?, execution_time = ?, version = version + 1"
						+ " WHERE task_name = ? AND task_instance = ?",
				Timestamp.from(now.minus(Duration.ofMinutes(5))), Timestamp.from(now.minus(Duration.ofMinutes(5))),
				JobTasks.POLL_USER.getTaskName(), String.valueOf(user));
		Long deadRun = this.jdbc.queryForObject(
				"INSERT INTO job_runs (job_type, user_id, status, started_at, heartbeat_at, instance_id)"
						+ " VALUES ('poll', ?, 'running', ?, ?, 'dead-collector') RETURNING id",
				Long.class, user, Timestamp.from(now.minus(Duration.ofMinutes(5))),
				Timestamp.from(now.minus(Duration.ofMinutes(5))));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.listeners.collected(user).equals(this.listeners.truth("orphan-1")));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "error"
				.equals(this.jdbc.queryForObject("SELECT status FROM job_runs WHERE id = ?", String.class, deadRun)));
		assertThat(this.jdbc.queryForObject("SELECT error_message FROM job_runs WHERE id = ?", String.class, deadRun))
			.contains("dead-collector");
		assertThat(this.jdbc.queryForObject("SELECT picked_by FROM scheduled_tasks WHERE task_instance = ?",
				String.class, String.valueOf(user)))
			.isNotEqualTo("dead-collector");
	}

	@Test
	void syncNowStartsWithinSecondsAndPollsRunAfterInitialSyncs() {
		int user = connect("now", 1).get("now-1");
		awaitInitialSyncs(List.of(user));
		assertThat(this.jdbc.queryForObject(
				"SELECT priority FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?", Integer.class,
				JobTasks.POLL_USER.getTaskName(), String.valueOf(user)))
			.isLessThan(JobTasks.priorityOf(JobTasks.INITIAL_SYNC))
			.isLessThan(JobTasks.priorityOf(JobTasks.IMPORT_EXPORT));
		long polls = this.listeners.jobRuns(user, UserPoller.JOB_TYPE);
		this.listeners.listen("now-1", emulator.now().minusSeconds(1), 1, Duration.ofMinutes(1));
		long asked = System.nanoTime();
		this.queue.runSoon(JobTasks.POLL_USER, String.valueOf(user));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.listeners.jobRuns(user, UserPoller.JOB_TYPE) > polls);
		assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.listeners.collected(user).equals(this.listeners.truth("now-1")));
	}

	private Map<String, Integer> connect(String prefix, int count) {
		Map<String, Integer> connected = new LinkedHashMap<>();
		for (int i = 1; i <= count; i++) {
			connected.put(prefix + "-" + i, this.listeners.connect(prefix + "-" + i));
		}
		return connected;
	}

	private void awaitInitialSyncs(java.util.Collection<Integer> userIds) {
		List<String> ids = new ArrayList<>();
		userIds.forEach((id) -> ids.add(String.valueOf(id)));
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			Long polling = this.jdbc.queryForObject(
					"SELECT count(*) FROM scheduled_tasks WHERE task_name = ? AND task_instance = ANY (?::text[])"
							+ " AND NOT picked",
					Long.class, JobTasks.POLL_USER.getTaskName(), ids.toArray(String[]::new));
			return polling == ids.size();
		});
		awaitIdle();
	}

	/** Waits until no poll or sync is running or due on the emulator's clock. */
	private void awaitIdle() {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			Long busy = this.jdbc.queryForObject(
					"SELECT count(*) FROM scheduled_tasks WHERE task_name IN (?, ?) AND (picked OR execution_time <= ?)",
					Long.class, JobTasks.POLL_USER.getTaskName(), JobTasks.INITIAL_SYNC.getTaskName(),
					Timestamp.from(emulator.now()));
			return busy == 0;
		});
	}

	private void assertNoOverlappingRuns() {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM job_runs a JOIN job_runs b"
				+ " ON a.user_id = b.user_id AND a.id < b.id AND a.instance_id <> 'dead-collector'"
				+ " AND b.instance_id <> 'dead-collector'"
				+ " AND a.started_at < coalesce(b.finished_at, 'infinity') AND b.started_at < coalesce(a.finished_at, 'infinity')",
				Long.class))
			.as("runs of one user that overlapped in time")
			.isZero();
	}

	private Scheduler secondCollector(String name) {
		List<Task<?>> perUser = this.tasks.stream().filter((task) -> !(task instanceof RecurringTask)).toList();
		List<RecurringTask<?>> recurring = this.tasks.stream()
			.filter(RecurringTask.class::isInstance)
			.<RecurringTask<?>>map(RecurringTask.class::cast)
			.toList();
		return Scheduler.create(this.dataSource, perUser)
			.startTasks(recurring)
			.schedulerName(new SchedulerName.Fixed(name))
			.threads(4)
			.pollingInterval(Duration.ofMillis(50))
			.heartbeatInterval(Duration.ofSeconds(1))
			.missedHeartbeatsLimit(4)
			.enablePriority()
			.clock(emulator.clock()::instant)
			.build();
	}

}
