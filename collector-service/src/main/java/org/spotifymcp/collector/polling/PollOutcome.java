package org.spotifymcp.collector.polling;

import java.time.Instant;

/**
 * What happens to a user's recurring work after one run.
 *
 * @param nextRunAt when to run again, or null to stop (paused, reauth required, gone)
 */
public record PollOutcome(Instant nextRunAt) {

	public static PollOutcome stop() {
		return new PollOutcome(null);
	}

	public static PollOutcome at(Instant nextRunAt) {
		return new PollOutcome(nextRunAt);
	}

	public boolean stops() {
		return this.nextRunAt == null;
	}

}
