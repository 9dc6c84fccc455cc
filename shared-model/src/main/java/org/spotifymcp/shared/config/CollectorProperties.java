package org.spotifymcp.shared.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Collector pacing: {@code COLLECTOR_INTERVAL_SECONDS} and the {@code INITIAL_SYNC_*}
 * variables.
 *
 * @param intervalSeconds seconds between two polls of one user
 * @param initialSyncEnabled whether new users get an initial backfill
 * @param initialSyncMaxDays how far back the initial sync may go
 * @param initialSyncMaxRequests how many requests one initial sync may send
 * @param initialSyncConcurrency how many initial syncs may run at once across the cluster
 * @param initialSyncStopOnNoProgress stop the initial sync when a page adds nothing new
 * @param spotifyRequestsPerSecond cap on Spotify requests per second across all
 * collectors
 */
@Validated
@ConfigurationProperties("app.collector")
public record CollectorProperties(@Min(10) @Max(86400) int intervalSeconds, boolean initialSyncEnabled,
		@Min(1) @Max(3650) int initialSyncMaxDays, @Min(1) @Max(100000) int initialSyncMaxRequests,
		@Min(1) @Max(100) int initialSyncConcurrency, boolean initialSyncStopOnNoProgress,
		@Min(1) @Max(10000) int spotifyRequestsPerSecond) {

}
