package org.spotifymcp.collector.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pacing of the collector's job engine ({@code JOBS_*} variables).
 *
 * @param threads executions this collector runs at once
 * @param pollingInterval how often the queue is checked, which bounds how soon requested
 * work starts
 * @param heartbeatInterval how often running executions prove they are alive
 * @param missedHeartbeatsLimit missed heartbeats after which another collector takes the
 * work over
 * @param shutdownMaxWait how long shutdown waits for running executions before releasing
 * them
 * @param autoStart whether this process claims work at all (tests that drive the
 * collector by hand switch it off)
 */
@Validated
@ConfigurationProperties("app.jobs")
public record JobEngineProperties(@DefaultValue("4") @Min(1) @Max(64) int threads,
		@DefaultValue("2s") @NotNull Duration pollingInterval, @DefaultValue("5s") @NotNull Duration heartbeatInterval,
		@DefaultValue("6") @Min(4) int missedHeartbeatsLimit, @DefaultValue("20s") @NotNull Duration shutdownMaxWait,
		@DefaultValue("true") boolean autoStart) {

	/** How old a heartbeat may get before its collector counts as dead. */
	public Duration deadAfter() {
		return this.heartbeatInterval.multipliedBy(this.missedHeartbeatsLimit);
	}

}
