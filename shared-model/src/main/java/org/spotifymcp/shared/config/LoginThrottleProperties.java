package org.spotifymcp.shared.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Brute-force brake on admin logins (REST and UI):
 * {@code ADMIN_MAX_FAILED_LOGINS_PER_MINUTE}.
 *
 * @param maxFailuresPerMinute failed attempts one client IP may make per minute before
 * every further attempt from it is refused with 429 until the window refills
 */
@Validated
@ConfigurationProperties("app.login-throttle")
public record LoginThrottleProperties(@Min(1) @Max(100000) int maxFailuresPerMinute) {

}
