package org.spotifymcp.shared.admin;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Counts failed admin logins per client IP in a token bucket: each failure takes a token,
 * the bucket refills over a minute, and an IP with an empty bucket is refused before its
 * credentials are even looked at. This slows guessing down to the configured rate without
 * locking the real admin out for long.
 */
public class FailedLoginThrottle {

	/**
	 * Past this many tracked IPs, buckets that have refilled completely are forgotten.
	 */
	private static final int MAX_TRACKED_CLIENTS = 10_000;

	private final int maxFailuresPerMinute;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	public FailedLoginThrottle(int maxFailuresPerMinute) {
		this.maxFailuresPerMinute = maxFailuresPerMinute;
	}

	/**
	 * Whether the client may try to log in now.
	 * @param clientIp the client's address
	 * @return false while the client's failures have used up the allowance
	 */
	public boolean allows(String clientIp) {
		Bucket bucket = this.buckets.get(clientIp);
		return bucket == null || bucket.getAvailableTokens() > 0;
	}

	/**
	 * Records a failed attempt.
	 * @param clientIp the client's address
	 */
	public void recordFailure(String clientIp) {
		if (this.buckets.size() >= MAX_TRACKED_CLIENTS) {
			forgetRefilledBuckets();
		}
		this.buckets.computeIfAbsent(clientIp, (ip) -> newBucket()).tryConsume(1);
	}

	/**
	 * How long until the client may try again.
	 * @param clientIp the client's address
	 * @return whole seconds, at least 1
	 */
	public long secondsUntilAllowed(String clientIp) {
		Bucket bucket = this.buckets.get(clientIp);
		if (bucket == null) {
			return 1;
		}
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.maxFailuresPerMinute)
				.refillGreedy(this.maxFailuresPerMinute, Duration.ofMinutes(1))
				.build())
			.build();
	}

	private void forgetRefilledBuckets() {
		this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.maxFailuresPerMinute);
	}

}
