package org.spotifymcp.shared.rollups;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a listen counts as a play ({@code PLAY_MIN_MS}, {@code PLAY_END_TOLERANCE_MS}): it
 * lasted at least {@code minMs}, or it reached the end of a shorter track (lasted at
 * least the track's duration minus {@code endToleranceMs}). Spotify itself counts a
 * stream after 30 seconds. Every listen is stored either way; the collector writes these
 * values to {@code play_count_rule} at startup, where the rollups and the analytics read
 * them.
 *
 * @param minMs the shortest listen that counts as a play, in milliseconds
 * @param endToleranceMs how far before a track's end a listen still reached it
 */
@Validated
@ConfigurationProperties("app.plays")
public record PlayCountingProperties(@DefaultValue("30000") @Min(0) @Max(600000) int minMs,
		@DefaultValue("2000") @Min(0) @Max(60000) int endToleranceMs) {

	public static PlayCountingProperties defaults() {
		return new PlayCountingProperties(30000, 2000);
	}

}
