package org.spotifymcp.shared.spotify;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How patient the Spotify client is: {@code SPOTIFY_MAX_ATTEMPTS},
 * {@code SPOTIFY_BACKOFF_INITIAL}, {@code SPOTIFY_BACKOFF_MAX},
 * {@code SPOTIFY_RETRY_AFTER_MAX}, {@code SPOTIFY_CONNECT_TIMEOUT},
 * {@code SPOTIFY_READ_TIMEOUT}, {@code SPOTIFY_TOKEN_REFRESH_SKEW}.
 *
 * @param maxAttempts attempts per call including the first (retries = attempts - 1)
 * @param initialBackoff first wait after a 5xx, timeout or malformed answer; doubles per
 * retry, with ±50 % jitter
 * @param maxBackoff longest such wait
 * @param maxRetryAfter longest wait honoured for a 429's {@code Retry-After}
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time allowed for an answer
 * @param refreshSkew refresh the access token this long before it expires
 */
@Validated
@ConfigurationProperties("app.spotify.client")
public record SpotifyClientProperties(@Min(1) @Max(20) int maxAttempts, @NotNull Duration initialBackoff,
		@NotNull Duration maxBackoff, @NotNull Duration maxRetryAfter, @NotNull Duration connectTimeout,
		@NotNull Duration readTimeout, @NotNull Duration refreshSkew) {

	/** The defaults of {@code spotify-mcp-defaults.yml}, for code outside Spring. */
	public static SpotifyClientProperties defaults() {
		return new SpotifyClientProperties(4, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60),
				Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60));
	}

}
