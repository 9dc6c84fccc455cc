package org.spotifymcp.api.me.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener pages speak of one day, not "1 days", however the amount came about.
 */
class MeFormatsTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private final MeFormats formats = new MeFormats(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void oneOfAnythingIsSingular() {
		assertThat(this.formats.quantity(1, "day")).isEqualTo("1 day");
		assertThat(this.formats.quantity(0, "day")).isEqualTo("0 days");
		assertThat(this.formats.quantity(12, "day")).isEqualTo("12 days");
	}

	@Test
	void agesUseTheSingularForOne() {
		assertThat(this.formats.ago(NOW.minusSeconds(1))).isEqualTo("1 second ago");
		assertThat(this.formats.ago(NOW.minus(Duration.ofHours(50)))).isEqualTo("2 days ago");
		assertThat(this.formats.ago(NOW.plus(Duration.ofMinutes(2)))).isEqualTo("in 2 minutes");
	}

}
