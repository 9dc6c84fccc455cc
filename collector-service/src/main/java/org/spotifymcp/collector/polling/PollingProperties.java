package org.spotifymcp.collector.polling;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The collector's finer pacing ({@code POLL_*} variables); the main knobs
 * ({@code COLLECTOR_INTERVAL_SECONDS}, {@code INITIAL_SYNC_*}) live in
 * {@code CollectorProperties}.
 *
 * @param minIntervalSeconds the shortest per-user poll interval heavy listeners get
 * @param targetPlaysPerPoll plays expected between two polls that the interval aims at;
 * well below the API's 50-play memory so bursts do not overrun it
 * @param maxPagesPerPoll safety bound on pages fetched by one poll
 * @param reconcileInterval how often every active user's work is checked to be scheduled
 * and stale job runs are closed
 * @param initialSyncMaxRateLimited rate-limited answers after which an initial sync stops
 * @param initialSyncSlotWait how long an initial sync waits for a free cluster slot
 * before trying again
 * @param failureBackoffMax longest pause after repeated failures of one user
 */
@Validated
@ConfigurationProperties("app.polling")
public record PollingProperties(@DefaultValue("60") @Min(1) @Max(86400) int minIntervalSeconds,
		@DefaultValue("20") @Min(1) @Max(50) int targetPlaysPerPoll,
		@DefaultValue("10") @Min(1) @Max(1000) int maxPagesPerPoll,
		@DefaultValue("30s") @NotNull Duration reconcileInterval,
		@DefaultValue("10") @Min(0) @Max(10000) int initialSyncMaxRateLimited,
		@DefaultValue("15s") @NotNull Duration initialSyncSlotWait,
		@DefaultValue("1h") @NotNull Duration failureBackoffMax) {

}
