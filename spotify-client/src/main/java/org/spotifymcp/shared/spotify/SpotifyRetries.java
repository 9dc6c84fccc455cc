package org.spotifymcp.shared.spotify;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Resilience4j retry policy for Spotify calls: a 429 waits its {@code Retry-After}
 * (capped); 5xx, timeouts and malformed answers wait an exponentially growing, jittered
 * delay; everything else fails at once. Each retry and each rate-limit wait is counted in
 * Micrometer ({@code spotify.client.retries}, {@code spotify.client.rate_limited},
 * {@code spotify.client.rate_limit.wait}) and in the caller's {@link SpotifyCallStats}.
 */
final class SpotifyRetries {

	private final RetryConfig config;

	private final MeterRegistry meters;

	SpotifyRetries(SpotifyClientProperties properties, MeterRegistry meters) {
		this.meters = meters;
		IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(), 2.0, 0.5,
				properties.maxBackoff());
		long maxRetryAfter = properties.maxRetryAfter().toMillis();
		IntervalBiFunction<Object> interval = (attempt, outcome) -> {
			if (outcome.isLeft() && outcome.getLeft() instanceof SpotifyApiException failure
					&& failure.kind() == SpotifyApiException.Kind.RATE_LIMITED && failure.retryAfter() != null) {
				return Math.min(failure.retryAfter().toMillis(), maxRetryAfter);
			}
			return backoff.apply(attempt);
		};
		this.config = RetryConfig.custom()
			.maxAttempts(properties.maxAttempts())
			.intervalBiFunction(interval)
			.retryOnException((ex) -> ex instanceof SpotifyApiException failure && failure.isRetryable())
			.failAfterMaxAttempts(false)
			.build();
	}

	<T> T call(String endpoint, SpotifyCallStats stats, Supplier<T> call) {
		Retry retry = Retry.of("spotify-" + endpoint, this.config);
		retry.getEventPublisher().onRetry((event) -> {
			Throwable failure = event.getLastThrowable();
			String reason = (failure instanceof SpotifyApiException spotify) ? spotify.kind().name().toLowerCase()
					: "other";
			stats.retry();
			this.meters.counter("spotify.client.retries", "endpoint", endpoint, "reason", reason).increment();
			if (failure instanceof SpotifyApiException spotify
					&& spotify.kind() == SpotifyApiException.Kind.RATE_LIMITED) {
				Duration wait = event.getWaitInterval();
				stats.rateLimited(wait.toMillis());
				this.meters.counter("spotify.client.rate_limited", "endpoint", endpoint).increment();
				this.meters.timer("spotify.client.rate_limit.wait", "endpoint", endpoint).record(wait);
			}
		});
		return Retry.decorateSupplier(retry, call).get();
	}

}
