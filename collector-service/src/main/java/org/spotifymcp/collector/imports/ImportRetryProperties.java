package org.spotifymcp.collector.imports;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often an import run that broke (not a bad upload, which ends the job at once, but a
 * failing database, a crashed collector) is tried again before its job ends as
 * {@code error} ({@code IMPORT_MAX_RETRIES}, {@code IMPORT_RETRY_BACKOFF}).
 *
 * @param maxRetries runs after the first one; a collector that dies while importing
 * counts as a failed run too
 * @param backoff wait before the first retry, doubled for each further one
 */
@Validated
@ConfigurationProperties("app.import-retry")
public record ImportRetryProperties(@DefaultValue("3") @Min(0) @Max(100) int maxRetries,
		@DefaultValue("30s") @NotNull Duration backoff) {
}
