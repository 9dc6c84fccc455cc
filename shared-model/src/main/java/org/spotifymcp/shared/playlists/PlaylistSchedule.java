package org.spotifymcp.shared.playlists;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * When each playlist kind is refreshed and which days it covers, in the listener's own
 * time zone: weekly ones (and "On repeat") at Monday 00:00, monthly ones at 00:00 on the
 * 1st, yearly ones at 00:00 on January 1st.
 *
 * <p>
 * A playlist covers the period that contains the day before the run: the scheduled run
 * right after a boundary fills it with the complete period that just ended (last week,
 * last month, last year), and an "update now" later in a period shows that period so far.
 * "On repeat" always covers the 30 days ending today.
 */
public final class PlaylistSchedule {

	/** Days "On repeat" looks back, today included. */
	public static final int ON_REPEAT_DAYS = 30;

	private PlaylistSchedule() {
	}

	/**
	 * The latest refresh boundary at or before an instant.
	 * @param kind the playlist kind
	 * @param now the instant
	 * @param zone the listener's zone
	 * @return the start of the current schedule period
	 */
	public static Instant lastBoundary(PlaylistKind kind, Instant now, ZoneId zone) {
		return periodStart(kind, LocalDate.ofInstant(now, zone)).atStartOfDay(zone).toInstant();
	}

	/**
	 * The first refresh boundary after an instant.
	 * @param kind the playlist kind
	 * @param now the instant
	 * @param zone the listener's zone
	 * @return when the next scheduled refresh is due
	 */
	public static Instant nextBoundary(PlaylistKind kind, Instant now, ZoneId zone) {
		LocalDate start = periodStart(kind, LocalDate.ofInstant(now, zone));
		LocalDate next = switch (kind) {
			case WEEKLY, ON_REPEAT -> start.plusWeeks(1);
			case MONTHLY -> start.plusMonths(1);
			case YEARLY -> start.plusYears(1);
		};
		return next.atStartOfDay(zone).toInstant();
	}

	/**
	 * Whether a kind needs a refresh: never filled, not filled since the current period
	 * began, or not since an "update now" was asked for.
	 * @param kind the playlist kind
	 * @param lastUpdated when it was last filled, or null
	 * @param updateRequested when "update now" was last asked for, or null
	 * @param now the instant
	 * @param zone the listener's zone
	 * @return whether to refresh now
	 */
	public static boolean isDue(PlaylistKind kind, Instant lastUpdated, Instant updateRequested, Instant now,
			ZoneId zone) {
		if (lastUpdated == null) {
			return true;
		}
		if (updateRequested != null && updateRequested.isAfter(lastUpdated)) {
			return true;
		}
		return lastUpdated.isBefore(lastBoundary(kind, now, zone));
	}

	/**
	 * The days a refresh at an instant covers (both ends inclusive, in the listener's
	 * zone).
	 * @param kind the playlist kind
	 * @param now the instant of the refresh
	 * @param zone the listener's zone
	 * @return first and last day
	 */
	public static Days window(PlaylistKind kind, Instant now, ZoneId zone) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		if (kind == PlaylistKind.ON_REPEAT) {
			return new Days(today.minusDays(ON_REPEAT_DAYS - 1), today);
		}
		LocalDate start = periodStart(kind, today.minusDays(1));
		LocalDate end = switch (kind) {
			case WEEKLY -> start.plusDays(6);
			case MONTHLY -> start.with(TemporalAdjusters.lastDayOfMonth());
			default -> start.with(TemporalAdjusters.lastDayOfYear());
		};
		return new Days(start, end.isAfter(today) ? today : end);
	}

	private static LocalDate periodStart(PlaylistKind kind, LocalDate day) {
		return switch (kind) {
			case WEEKLY, ON_REPEAT -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTHLY -> day.withDayOfMonth(1);
			case YEARLY -> day.withDayOfYear(1);
		};
	}

	/**
	 * A span of days, both inclusive.
	 *
	 * @param first first day
	 * @param last last day
	 */
	public record Days(LocalDate first, LocalDate last) {

	}

}
