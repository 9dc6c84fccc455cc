package org.spotifymcp.api.oauth;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * So many requests per minute and client IP (bucket4j), for the open OAuth endpoints:
 * client registration and sign-in with a pasted token.
 */
final class PerAddressLimiter {

	/**
	 * Beyond this many tracked addresses the table starts afresh, so it stays bounded.
	 */
	private static final int MAX_TRACKED_ADDRESSES = 10_000;

	private final int perMinute;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	PerAddressLimiter(int perMinute) {
		this.perMinute = perMinute;
	}

	/**
	 * Charges one request.
	 * @param address the client IP
	 * @return empty when allowed, else the seconds to wait
	 */
	OptionalLong tryAcquire(String address) {
		if (this.buckets.size() > MAX_TRACKED_ADDRESSES) {
			this.buckets.clear();
		}
		ConsumptionProbe probe = this.buckets
			.computeIfAbsent(address,
					(key) -> Bucket.builder()
						.addLimit((limit) -> limit.capacity(this.perMinute)
							.refillIntervally(this.perMinute, Duration.ofMinutes(1)))
						.build())
			.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return OptionalLong.empty();
		}
		return OptionalLong
			.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L)));
	}

}
