package org.spotifymcp.collector.polling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.spotifymcp.shared.jobs.JobRunStatus;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One incremental poll of one user: asks for the plays after the newest collected one and
 * pages forward until caught up, storing each page as it comes. When the first page is
 * full and starts after a gap (more plays happened than the API's 50-play memory), the
 * possibly missed range is recorded in {@code coverage_gaps}. Every run leaves a
 * {@code job_runs} row and moves the checkpoint.
 */
public class UserPoller {

	public static final String JOB_TYPE = "poll";

	private static final Logger logger = LoggerFactory.getLogger(UserPoller.class);

	private final ListeningHistory history;

	private final SpotifyRequestBudget budget;

	private final PlayWriter writer;

	private final CheckpointStore checkpoints;

	private final JobRunRecorder runs;

	private final PollIntervalPolicy intervals;

	private final CollectorMetrics metrics;

	private final PollingProperties properties;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public UserPoller(ListeningHistory history, SpotifyRequestBudget budget, PlayWriter writer,
			CheckpointStore checkpoints, JobRunRecorder runs, PollIntervalPolicy intervals, CollectorMetrics metrics,
			PollingProperties properties, JdbcTemplate jdbc, Clock clock) {
		this.history = history;
		this.budget = budget;
		this.writer = writer;
		this.checkpoints = checkpoints;
		this.runs = runs;
		this.intervals = intervals;
		this.metrics = metrics;
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Polls a user now.
	 * @param userId the user
	 * @param instanceId the collector running the poll, for {@code job_runs}
	 * @param stopRequested true when the collector is shutting down: the poll stops
	 * between pages and asks to run again right away, on whichever collector is up
	 * @return when to poll next, or stop
	 */
	public PollOutcome poll(int userId, String instanceId, BooleanSupplier stopRequested) {
		Optional<CheckpointStore.State> loaded = this.checkpoints.load(userId);
		if (loaded.isEmpty()) {
			logger.info("user {} no longer exists; its polling stops", userId);
			return PollOutcome.stop();
		}
		CheckpointStore.State state = loaded.get();
		if (state.isStopped() || !state.tokenValid()) {
			logger.info("user {} is {} (token valid: {}); its polling stops", userId, state.status(),
					state.tokenValid());
			return PollOutcome.stop();
		}
		Optional<ListeningHistory.Pause> pause = this.history.appPause(userId);
		if (pause.isPresent()) {
			// the whole app waits (quota): no run, no request, no failure of the user's
			logger.debug("user {} waits for the Spotify app's pause until {}", userId, pause.get().until());
			this.checkpoints.deferred(userId, this.clock.instant(), pause.get().reason(), pause.get().until());
			return PollOutcome.at(pause.get().until());
		}
		long started = System.nanoTime();
		long runId = this.runs.start(JOB_TYPE, userId, instanceId);
		RunStats stats = new RunStats();
		MDC.put(LogEvents.USER_ID, String.valueOf(userId));
		MDC.put(LogEvents.JOB_RUN_ID, String.valueOf(runId));
		try {
			Instant previousLatest = state.lastPlayedAt();
			Instant newest = previousLatest;
			Instant cursor = previousLatest;
			boolean released = false;
			while (true) {
				this.budget.acquire();
				HistoryPage page = this.history.recentlyPlayed(userId, cursor, null);
				if (stats.pages() == 0) {
					recordGapIfOverrun(userId, runId, previousLatest, page);
				}
				int inserted = this.writer.write(userId, page.plays());
				stats.page(page, inserted);
				if (page.isEmpty()) {
					break;
				}
				newest = later(newest, page.newest());
				// without a cursor the first page is simply the newest 50: nothing older
				// exists
				if (cursor == null || !page.isFull() || !page.hasMore()) {
					break;
				}
				if (stats.pages() >= this.properties.maxPagesPerPoll()) {
					stats.stopBecause("max_pages");
					break;
				}
				if (stopRequested.getAsBoolean()) {
					released = true;
					break;
				}
				cursor = page.newest();
			}
			Instant now = this.clock.instant();
			int interval = this.intervals.nextIntervalSeconds(stats.inserted(), state.lastPollAt(), now);
			Instant next = released ? now : now.plusSeconds(interval);
			this.checkpoints.polled(userId, now, newest, interval, next);
			this.runs.finish(runId, JobRunStatus.SUCCESS, stats, null);
			this.metrics.playsInserted(JOB_TYPE, stats.inserted());
			this.metrics.rateLimited(JOB_TYPE, stats.rateLimitedCount());
			logger.debug("polled user {}: {} fetched, {} new, next in {} s", userId, stats.fetched(), stats.inserted(),
					interval);
			return PollOutcome.at(next);
		}
		catch (ReauthRequiredException ex) {
			Instant now = this.clock.instant();
			this.checkpoints.reauthRequired(userId, now, ex.getMessage());
			this.runs.finish(runId, JobRunStatus.ERROR, stats, ex.getMessage());
			this.metrics.failure(JOB_TYPE, "reauth_required");
			logger.warn("Spotify refused user {}'s refresh token: polling stops until the user connects again", userId);
			return PollOutcome.stop();
		}
		catch (AppPausedException ex) {
			// pages stored so far stay; the next poll asks again from the same cursor
			Instant now = this.clock.instant();
			Instant until = now.plus(ex.waitTime());
			this.checkpoints.deferred(userId, now, ex.getMessage(), until);
			this.runs.finish(runId, (stats.inserted() > 0) ? JobRunStatus.PARTIAL : JobRunStatus.ERROR, stats,
					ex.getMessage());
			this.metrics.failure(JOB_TYPE, "app_paused");
			return PollOutcome.at(until);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.runs.finish(runId, JobRunStatus.PARTIAL, stats, "interrupted by shutdown");
			return PollOutcome.at(this.clock.instant());
		}
		catch (RuntimeException ex) {
			Instant now = this.clock.instant();
			if (ex instanceof RateLimitedException limited) {
				stats.rateLimited(limited.rateLimited());
			}
			Duration backoff = this.intervals.backoff(state.consecutiveFailures() + 1,
					this.properties.failureBackoffMax());
			this.checkpoints.failed(userId, now, ex.getMessage(), now.plus(backoff));
			JobRunStatus status = (stats.inserted() > 0) ? JobRunStatus.PARTIAL : JobRunStatus.ERROR;
			this.runs.finish(runId, status, stats, ex.toString());
			this.metrics.failure(JOB_TYPE, (ex instanceof RateLimitedException) ? "rate_limited" : "error");
			logger.warn("poll of user {} failed (attempt {}), next try in {} s: {}", userId,
					state.consecutiveFailures() + 1, backoff.toSeconds(), ex.toString());
			return PollOutcome.at(now.plus(backoff));
		}
		finally {
			this.metrics.pollTook(Duration.ofNanos(System.nanoTime() - started));
			MDC.remove(LogEvents.USER_ID);
			MDC.remove(LogEvents.JOB_RUN_ID);
		}
	}

	/**
	 * Paging forward from the newest collected play, the first page holds the plays right
	 * after it. If that page is full and its oldest play is newer than the previous
	 * latest, Spotify may have forgotten plays in between.
	 */
	private void recordGapIfOverrun(int userId, long runId, Instant previousLatest, HistoryPage page) {
		if (previousLatest == null || !page.isFull() || !page.oldest().isAfter(previousLatest)) {
			return;
		}
		this.jdbc.update(
				"INSERT INTO coverage_gaps (user_id, gap_start, gap_end, detected_at, job_run_id) VALUES (?, ?, ?, ?, ?)",
				userId, Timestamp.from(previousLatest), Timestamp.from(page.oldest()),
				Timestamp.from(this.clock.instant()), runId);
		this.metrics.gapDetected();
		logger.warn(LogEvents.PERSIST,
				"coverage gap for user {}: more than {} plays between {} and {}, some may be missing until an export"
						+ " fills them in",
				userId, ListeningHistory.PAGE_SIZE, previousLatest, page.oldest());
	}

	private static Instant later(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

}
