package org.spotifymcp.collector.polling;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.config.CollectorProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work that can wait (the artist-details task) takes from the cluster request budget only
 * while half a second's worth stays for polls, and never waits for it.
 */
class SpareRequestBudgetTest extends HandDrivenCollectorTest {

	@Test
	void spareRequestsLeaveHalfTheBurstAndNeverWait() {
		SpotifyRequestBudget budget = new SpotifyRequestBudget(this.jdbc, "spare-ten", perSecond(10),
				new SimpleMeterRegistry());
		long started = System.nanoTime();
		int taken = 0;
		while (taken < 100 && budget.tryAcquireSpare()) {
			taken++;
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		// a full bucket of 10: five taken, five left for polls (plus what refilled
		// meanwhile)
		assertThat(taken).isBetween(5, 6);
		assertThat(this.jdbc.queryForObject("SELECT tokens FROM spotify_request_budget WHERE name = 'spare-ten'",
				Double.class))
			.isGreaterThanOrEqualTo(4.0);

		SpotifyRequestBudget single = new SpotifyRequestBudget(this.jdbc, "spare-one", perSecond(1),
				new SimpleMeterRegistry());
		assertThat(single.tryAcquireSpare()).as("one request per second: a full bucket may go").isTrue();
		assertThat(single.tryAcquireSpare()).isFalse();
	}

	private static CollectorProperties perSecond(int requests) {
		return new CollectorProperties(600, true, 30, 200, 2, true, requests);
	}

}
