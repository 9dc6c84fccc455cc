package org.spotifymcp.shared.playlists;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playlist boundaries and windows in the listener's zone, not UTC: Los Angeles is UTC-8
 * in winter, so its Monday 00:05 is 08:05 UTC and its Sunday 23:55 is already Monday
 * 07:55 UTC.
 */
class PlaylistScheduleTest {

	private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	@Test
	void weeklyPlaylistsAreDueFromMondayMidnightLocalTime() {
		Instant sundayLate = Instant.parse("2026-11-30T07:55:00Z");
		Instant mondayEarly = Instant.parse("2026-11-30T08:05:00Z");
		Instant lastWeek = Instant.parse("2026-11-25T12:00:00Z");

		assertThat(PlaylistSchedule.isDue(PlaylistKind.WEEKLY, lastWeek, null, sundayLate, LOS_ANGELES)).isFalse();
		assertThat(PlaylistSchedule.isDue(PlaylistKind.WEEKLY, lastWeek, null, mondayEarly, LOS_ANGELES)).isTrue();
		assertThat(PlaylistSchedule.isDue(PlaylistKind.WEEKLY, lastWeek, null, sundayLate, ZoneId.of("UTC")))
			.as("in UTC that instant is already Monday")
			.isTrue();
		assertThat(PlaylistSchedule.nextBoundary(PlaylistKind.WEEKLY, sundayLate, LOS_ANGELES))
			.isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
		assertThat(PlaylistSchedule.lastBoundary(PlaylistKind.ON_REPEAT, mondayEarly, LOS_ANGELES))
			.isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
	}

	@Test
	void monthlyAndYearlyPlaylistsAreDueOnTheFirstLocalDay() {
		// 2027-01-01 00:00 in Los Angeles is 08:00 UTC
		Instant newYearLocal = Instant.parse("2027-01-01T08:10:00Z");
		Instant newYearUtcOnly = Instant.parse("2027-01-01T07:50:00Z");
		Instant december = Instant.parse("2026-12-01T09:00:00Z");
		assertThat(PlaylistSchedule.isDue(PlaylistKind.MONTHLY, december, null, newYearUtcOnly, LOS_ANGELES)).isFalse();
		assertThat(PlaylistSchedule.isDue(PlaylistKind.MONTHLY, december, null, newYearLocal, LOS_ANGELES)).isTrue();
		assertThat(PlaylistSchedule.isDue(PlaylistKind.YEARLY, december, null, newYearLocal, LOS_ANGELES)).isTrue();
		assertThat(PlaylistSchedule.nextBoundary(PlaylistKind.MONTHLY, december, LOS_ANGELES))
			.isEqualTo(Instant.parse("2027-01-01T08:00:00Z"));
		assertThat(PlaylistSchedule.nextBoundary(PlaylistKind.YEARLY, december, LOS_ANGELES))
			.isEqualTo(Instant.parse("2027-01-01T08:00:00Z"));
	}

	@Test
	void aRunRightAfterTheBoundaryCoversThePeriodThatJustEnded() {
		Instant mondayEarly = Instant.parse("2026-11-30T08:05:00Z");
		assertThat(PlaylistSchedule.window(PlaylistKind.WEEKLY, mondayEarly, LOS_ANGELES))
			.isEqualTo(new PlaylistSchedule.Days(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-29")));
		Instant newYearLocal = Instant.parse("2027-01-01T08:10:00Z");
		assertThat(PlaylistSchedule.window(PlaylistKind.MONTHLY, newYearLocal, LOS_ANGELES))
			.isEqualTo(new PlaylistSchedule.Days(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31")));
		assertThat(PlaylistSchedule.window(PlaylistKind.YEARLY, newYearLocal, LOS_ANGELES))
			.isEqualTo(new PlaylistSchedule.Days(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")));
		// later in a week: that week so far
		Instant wednesday = Instant.parse("2026-12-02T20:00:00Z");
		assertThat(PlaylistSchedule.window(PlaylistKind.WEEKLY, wednesday, LOS_ANGELES))
			.isEqualTo(new PlaylistSchedule.Days(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-02")));
		assertThat(PlaylistSchedule.window(PlaylistKind.ON_REPEAT, wednesday, LOS_ANGELES))
			.isEqualTo(new PlaylistSchedule.Days(LocalDate.parse("2026-11-03"), LocalDate.parse("2026-12-02")));
	}

	@Test
	void updateNowMakesEveryKindDueUntilItRan() {
		Instant run = Instant.parse("2026-12-02T20:00:00Z");
		Instant asked = run.plusSeconds(60);
		assertThat(PlaylistSchedule.isDue(PlaylistKind.YEARLY, run, asked, asked.plusSeconds(1), LOS_ANGELES)).isTrue();
		assertThat(PlaylistSchedule.isDue(PlaylistKind.YEARLY, asked.plusSeconds(5), asked, asked.plusSeconds(9),
				LOS_ANGELES))
			.isFalse();
		assertThat(PlaylistSchedule.isDue(PlaylistKind.YEARLY, null, null, run, LOS_ANGELES)).as("never filled")
			.isTrue();
	}

}
