package org.spotifymcp.collector.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.spotifymcp.collector.polling.CheckpointStore;
import org.spotifymcp.collector.polling.CollectorMetrics;
import org.spotifymcp.collector.polling.HistoryPage;
import org.spotifymcp.collector.polling.HistoryPlay;
import org.spotifymcp.collector.polling.JobRunRecorder;
import org.spotifymcp.collector.polling.ListeningHistory;
import org.spotifymcp.collector.polling.PlayWriter;
import org.spotifymcp.collector.polling.PollIntervalPolicy;
import org.spotifymcp.collector.polling.PollOutcome;
import org.spotifymcp.collector.polling.PollingProperties;
import org.spotifymcp.collector.polling.RateLimitedException;
import org.spotifymcp.collector.polling.ReauthRequiredException;
import org.spotifymcp.collector.polling.RunStats;
import org.spotifymcp.collector.polling.SpotifyRequestBudget;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobRunStatus;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.logs.LogEvents;

/**
 * The initial backfill of one user, right after they connect Spotify: the API keeps only
 * their last 50 plays, so this fetches what it still shows. It pages back from now with
 * {@code before} and {@code limit=50}, storing each page (catalog upserts, plays with
 * {@code ON CONFLICT DO NOTHING}) and moving {@code before} to the oldest play − 1 ms. It
 * stops on an empty page, on a page that makes no progress, at
 * {@code INITIAL_SYNC_MAX_DAYS}, after {@code INITIAL_SYNC_MAX_REQUESTS} or when Spotify
 * rate-limits too often. Only {@code INITIAL_SYNC_CONCURRENCY} run at once across the
 * cluster; when all slots are taken the sync tries again shortly. When done, the user's
 * incremental polling starts.
 */
public class InitialSync {

	public static final String JOB_TYPE = "initial_sync";

	private static final Logger logger = LoggerFactory.getLogger(InitialSync.class);

	private final ListeningHistory history;

	private final SpotifyRequestBudget budget;

	private final PlayWriter writer;

	private final CheckpointStore checkpoints;

	private final JobRunRecorder runs;

	private final InitialSyncSlots slots;

	private final JobQueue queue;

	private final CollectorMetrics metrics;

	private final CollectorProperties collector;

	private final PollingProperties polling;

	private final PollIntervalPolicy intervals;

	private final Clock clock;

	public InitialSync(ListeningHistory history, SpotifyRequestBudget budget, PlayWriter writer,
			CheckpointStore checkpoints, JobRunRecorder runs, InitialSyncSlots slots, JobQueue queue,
			CollectorMetrics metrics, CollectorProperties collector, PollingProperties polling,
			PollIntervalPolicy intervals, Clock clock) {
		this.history = history;
		this.budget = budget;
		this.writer = writer;
		this.checkpoints = checkpoints;
		this.runs = runs;
		this.slots = slots;
		this.queue = queue;
		this.metrics = metrics;
		this.collector = collector;
		this.polling = polling;
		this.intervals = intervals;
		this.clock = clock;
	}

	/**
	 * Runs the initial sync of a user if a cluster slot is free.
	 * @param userId the user
	 * @param instanceId the collector running the sync, for {@code job_runs}
	 * @param stopRequested true when the collector is shutting down
	 * @return stop when done (or impossible), otherwise when to try again
	 */
	public PollOutcome run(int userId, String instanceId, BooleanSupplier stopRequested) {
		Optional<CheckpointStore.State> loaded = this.checkpoints.load(userId);
		if (loaded.isEmpty() || loaded.get().isStopped() || !loaded.get().tokenValid()) {
			logger.info("initial sync of user {} skipped: user gone, paused or disconnected", userId);
			return PollOutcome.stop();
		}
		Optional<InitialSyncSlots.Slot> slot = this.slots.tryAcquire();
		if (slot.isEmpty()) {
			logger.debug("all {} initial sync slots taken; user {} waits", this.collector.initialSyncConcurrency(),
					userId);
			return PollOutcome.at(this.clock.instant().plus(this.polling.initialSyncSlotWait()));
		}
		try (InitialSyncSlots.Slot held = slot.get()) {
			return runHoldingSlot(userId, instanceId, loaded.get(), stopRequested);
		}
	}

	private PollOutcome runHoldingSlot(int userId, String instanceId, CheckpointStore.State state,
			BooleanSupplier stopRequested) {
		Instant startedAt = this.clock.instant();
		long runId = this.runs.start(JOB_TYPE, userId, instanceId);
		RunStats stats = new RunStats();
		MDC.put(LogEvents.USER_ID, String.valueOf(userId));
		MDC.put(LogEvents.JOB_RUN_ID, String.valueOf(runId));
		this.checkpoints.initialSyncStarted(userId, startedAt);
		logger.info(LogEvents.PERSIST, "initial sync of user {} started", userId);
		Instant cutoff = startedAt.minus(Duration.ofDays(this.collector.initialSyncMaxDays()));
		Instant before = startedAt.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
		Instant earliest = null;
		Instant newest = null;
		int requests = 0;
		try {
			while (true) {
				if (requests >= this.collector.initialSyncMaxRequests()) {
					stats.stopBecause("max_requests");
					break;
				}
				if (stopRequested.getAsBoolean()) {
					// shutting down: what was stored stays; the sync starts over on any
					// collector
					this.runs.finish(runId, JobRunStatus.PARTIAL, stats, "collector shutting down");
					return PollOutcome.at(this.clock.instant());
				}
				this.budget.acquire();
				HistoryPage page;
				try {
					page = this.history.recentlyPlayed(userId, null, before);
				}
				catch (RateLimitedException ex) {
					stats.rateLimited(ex.rateLimited());
					stats.stopBecause("rate_limited");
					break;
				}
				requests++;
				if (page.isEmpty()) {
					stats.page(page, 0);
					stats.stopBecause("empty_batch");
					break;
				}
				List<HistoryPlay> recent = page.plays()
					.stream()
					.filter((play) -> !play.playedAt().isBefore(cutoff))
					.toList();
				int inserted = this.writer.write(userId, recent);
				stats.page(page, inserted);
				if (!recent.isEmpty()) {
					earliest = earlier(earliest,
							recent.stream().map(HistoryPlay::playedAt).min(Instant::compareTo).get());
					newest = later(newest, recent.stream().map(HistoryPlay::playedAt).max(Instant::compareTo).get());
				}
				if (recent.size() < page.plays().size()) {
					stats.stopBecause("max_days");
					break;
				}
				if (stats.rateLimitedCount() > this.polling.initialSyncMaxRateLimited()) {
					stats.stopBecause("rate_limited");
					break;
				}
				Instant oldest = page.oldest();
				if (!oldest.isBefore(before)) {
					stats.stopBecause("no_progress");
					break;
				}
				if (inserted == 0 && this.collector.initialSyncStopOnNoProgress()) {
					stats.stopBecause("no_progress");
					break;
				}
				before = oldest.minusMillis(1);
			}
			Instant now = this.clock.instant();
			this.checkpoints.initialSyncCompleted(userId, now, earliest, newest);
			JobRunStatus status = "rate_limited".equals(stats.stopReason()) ? JobRunStatus.PARTIAL
					: JobRunStatus.SUCCESS;
			this.runs.finish(runId, status, stats, null);
			this.metrics.playsInserted(JOB_TYPE, stats.inserted());
			this.metrics.rateLimited(JOB_TYPE, stats.rateLimitedCount());
			logger.info(LogEvents.PERSIST, "initial sync of user {} done ({}): {} plays fetched, {} new, back to {}",
					userId, stats.stopReason(), stats.fetched(), stats.inserted(), earliest);
			this.queue.runSoon(JobTasks.POLL_USER, String.valueOf(userId));
			return PollOutcome.stop();
		}
		catch (ReauthRequiredException ex) {
			this.checkpoints.reauthRequired(userId, this.clock.instant(), ex.getMessage());
			this.runs.finish(runId, JobRunStatus.ERROR, stats, ex.getMessage());
			this.metrics.failure(JOB_TYPE, "reauth_required");
			logger.warn("Spotify refused user {}'s refresh token: initial sync stops until the user connects again",
					userId);
			return PollOutcome.stop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.runs.finish(runId, JobRunStatus.PARTIAL, stats, "interrupted by shutdown");
			return PollOutcome.at(this.clock.instant());
		}
		catch (RuntimeException ex) {
			Instant now = this.clock.instant();
			Duration backoff = this.intervals.backoff(state.consecutiveFailures() + 1,
					this.polling.failureBackoffMax());
			this.checkpoints.failed(userId, now, ex.getMessage(), now.plus(backoff));
			this.runs.finish(runId, JobRunStatus.ERROR, stats, ex.toString());
			this.metrics.failure(JOB_TYPE, "error");
			logger.warn("initial sync of user {} failed, next try in {} s: {}", userId, backoff.toSeconds(),
					ex.toString());
			return PollOutcome.at(now.plus(backoff));
		}
		finally {
			MDC.remove(LogEvents.USER_ID);
			MDC.remove(LogEvents.JOB_RUN_ID);
		}
	}

	private static Instant earlier(Instant a, Instant b) {
		return (a == null || b.isBefore(a)) ? b : a;
	}

	private static Instant later(Instant a, Instant b) {
		return (a == null || b.isAfter(a)) ? b : a;
	}

}
