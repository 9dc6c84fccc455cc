package org.spotifymcp.collector.polling;

import java.time.Duration;
import java.time.Instant;

import org.spotifymcp.shared.config.CollectorProperties;

/**
 * How long until a user's next poll. Spotify remembers only the newest 50 plays, so a
 * user who plays more than 50 tracks between two polls loses plays. The interval aims at
 * {@code targetPlaysPerPoll} plays per poll at the pace just observed (new plays over the
 * time since the previous poll), between {@code POLL_MIN_INTERVAL_SECONDS} and
 * {@code COLLECTOR_INTERVAL_SECONDS}. A quiet user drifts back to the configured interval
 * at the next poll.
 */
public class PollIntervalPolicy {

	private final int maxSeconds;

	private final int minSeconds;

	private final int targetPlays;

	public PollIntervalPolicy(CollectorProperties collector, PollingProperties polling) {
		this.maxSeconds = collector.intervalSeconds();
		this.minSeconds = Math.min(polling.minIntervalSeconds(), this.maxSeconds);
		this.targetPlays = polling.targetPlaysPerPoll();
	}

	/**
	 * @param newPlays plays collected by this poll
	 * @param previousPoll when the previous poll ended, or null for the first
	 * @param now now
	 * @return seconds until the next poll
	 */
	public int nextIntervalSeconds(int newPlays, Instant previousPoll, Instant now) {
		if (previousPoll == null || newPlays <= 0) {
			return this.maxSeconds;
		}
		double elapsed = Math.max(1, Duration.between(previousPoll, now).toSeconds());
		double playsPerSecond = newPlays / elapsed;
		long wanted = Math.round(this.targetPlays / playsPerSecond);
		return (int) Math.max(this.minSeconds, Math.min(this.maxSeconds, wanted));
	}

	/**
	 * Backoff after failures: 30 s doubled per consecutive failure, capped, so a broken
	 * user never turns into a request loop.
	 */
	public Duration backoff(int consecutiveFailures, Duration max) {
		long seconds = 30L << Math.min(20, Math.max(0, consecutiveFailures - 1));
		return Duration.ofSeconds(Math.min(seconds, max.toSeconds()));
	}

}
