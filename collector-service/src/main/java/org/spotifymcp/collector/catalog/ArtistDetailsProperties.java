package org.spotifymcp.collector.catalog;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pacing of the artist-details task ({@code ARTIST_DETAILS_*} variables).
 *
 * @param enabled whether the collector fills artist genres and images at all
 * @param interval pause between two runs of the task
 * @param batchSize artists asked about per run, at most
 * @param retryAfter how long an artist Spotify gave no genres or no image waits before it
 * is asked again
 */
@Validated
@ConfigurationProperties("app.artist-details")
public record ArtistDetailsProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1m") @NotNull Duration interval, @DefaultValue("10") @Min(1) @Max(50) int batchSize,
		@DefaultValue("30d") @NotNull Duration retryAfter) {

}
