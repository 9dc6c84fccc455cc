package org.spotifymcp.collector.polling;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.spotifymcp.shared.config.CollectorProperties;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster-wide cap on Spotify requests per second
 * ({@code SPOTIFY_REQUESTS_PER_SECOND}), kept as a token bucket in one PostgreSQL row.
 * Each request takes a token with a single atomic {@code UPDATE} that also refills by the
 * database's own clock, so every collector shares one budget and no clock skew between
 * hosts matters. When the bucket is empty the caller reserves the next slot (the count
 * goes negative) and sleeps until it is due, which keeps the rate exact without retry
 * loops.
 */
public class SpotifyRequestBudget {

	private static final String SPOTIFY = "spotify";

	private static final String TAKE = """
			UPDATE spotify_request_budget
			   SET tokens = LEAST(?, tokens + EXTRACT(EPOCH FROM clock_timestamp() - refilled_at) * ?) - 1,
			       refilled_at = clock_timestamp()
			 WHERE name = ?
			RETURNING tokens
			""";

	// Takes a token only while more than the spare stays: work that can wait never
	// reserves a future slot, so it cannot make a poll wait.
	private static final String TAKE_SPARE = """
			UPDATE spotify_request_budget
			   SET tokens = LEAST(?, tokens + EXTRACT(EPOCH FROM clock_timestamp() - refilled_at) * ?) - 1,
			       refilled_at = clock_timestamp()
			 WHERE name = ?
			   AND LEAST(?, tokens + EXTRACT(EPOCH FROM clock_timestamp() - refilled_at) * ?) >= ?
			RETURNING tokens
			""";

	private final JdbcTemplate jdbc;

	private final String bucket;

	private final double perSecond;

	private final double burst;

	private final Counter waits;

	public SpotifyRequestBudget(JdbcTemplate jdbc, CollectorProperties properties, MeterRegistry meters) {
		this(jdbc, SPOTIFY, properties, meters);
	}

	SpotifyRequestBudget(JdbcTemplate jdbc, String bucket, CollectorProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.bucket = bucket;
		this.perSecond = properties.spotifyRequestsPerSecond();
		// one second's worth of requests may go out at once after a quiet spell
		this.burst = this.perSecond;
		this.waits = Counter.builder("collector.spotify.budget.waits")
			.description("Spotify requests that waited for the cluster-wide request budget")
			.register(meters);
		createBucket();
	}

	private void createBucket() {
		this.jdbc
			.update("INSERT INTO spotify_request_budget (name, tokens, refilled_at) VALUES (?, ?, clock_timestamp())"
					+ " ON CONFLICT (name) DO NOTHING", this.bucket, this.burst);
	}

	/**
	 * Takes one request from the budget, waiting when it is spent.
	 * @return how long the caller waited
	 * @throws InterruptedException when the wait is interrupted (shutdown)
	 */
	public Duration acquire() throws InterruptedException {
		List<Double> taken = this.jdbc.queryForList(TAKE, Double.class, this.burst, this.perSecond, this.bucket);
		if (taken.isEmpty()) {
			// the row was removed (say, by an operator resetting the budget): start
			// afresh
			createBucket();
			taken = this.jdbc.queryForList(TAKE, Double.class, this.burst, this.perSecond, this.bucket);
		}
		double left = taken.isEmpty() ? 0 : taken.get(0);
		if (left >= 0) {
			return Duration.ZERO;
		}
		long waitNanos = (long) (-left / this.perSecond * 1_000_000_000L);
		this.waits.increment();
		Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
		return Duration.ofNanos(waitNanos);
	}

	/**
	 * Takes one request from the budget only when it is well stocked: half a second's
	 * worth of requests stays for polls (with a budget of one request per second, only a
	 * full bucket is taken from). Never waits.
	 * @return whether a request was taken; {@code false} means the caller should leave
	 * the request for later
	 */
	public boolean tryAcquireSpare() {
		double spare = Math.max(0, Math.min(this.burst / 2, this.burst - 1));
		return !this.jdbc
			.queryForList(TAKE_SPARE, Double.class, this.burst, this.perSecond, this.bucket, this.burst, this.perSecond,
					spare + 1)
			.isEmpty();
	}

}
