package org.spotifymcp.shared.analytics;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.spotifymcp.shared.time.DatabaseTimeRange;

/**
 * A resolved window: whole local days {@code startDate..endDate} in {@code zone}, i.e.
 * the instants {@code [start, end)}.
 *
 * @param startDate first local day
 * @param endDate last local day (inclusive)
 * @param zone the time zone days and hours are read in
 * @param start first instant
 * @param end first instant after the window
 */
public record HistoryWindow(LocalDate startDate, LocalDate endDate, ZoneId zone, Instant start, Instant end) {

	public static HistoryWindow of(LocalDate startDate, LocalDate endDate, ZoneId zone) {
		return new HistoryWindow(startDate, endDate, zone, startDate.atStartOfDay(zone).toInstant(),
				endDate.plusDays(1).atStartOfDay(zone).toInstant());
	}

	/**
	 * Resolves a request.
	 * @param request what was asked
	 * @param userZone the user's own zone, used when the request names none
	 * @param today now, as an instant
	 * @param firstPlay the user's first play, for all-time windows (may be null)
	 * @return the window
	 * @throws HistoryQueryException when the request is inconsistent or malformed
	 */
	public static HistoryWindow resolve(WindowRequest request, String userZone, Instant today, Instant firstPlay) {
		ZoneId zone = zone(
				(request.timeZone() != null && !request.timeZone().isBlank()) ? request.timeZone() : userZone);
		LocalDate todayLocal = today.atZone(zone).toLocalDate();
		boolean allTime = Boolean.TRUE.equals(request.allTime());
		boolean hasDates = request.start() != null || request.end() != null;
		if (allTime && (hasDates || request.days() != null)) {
			throw new HistoryQueryException("all_time cannot be combined with days, start or end");
		}
		if (request.days() != null && hasDates) {
			throw new HistoryQueryException("give either days or start/end, not both");
		}
		if (allTime) {
			LocalDate first = (firstPlay != null) ? firstPlay.atZone(zone).toLocalDate() : todayLocal;
			return of(first.isAfter(todayLocal) ? todayLocal : first, todayLocal, zone);
		}
		if (hasDates) {
			if (request.start() == null) {
				throw new HistoryQueryException("start is required when end is given (yyyy-MM-dd)");
			}
			LocalDate start = date("start", request.start());
			LocalDate end = (request.end() != null) ? date("end", request.end()) : todayLocal;
			if (end.isBefore(start)) {
				throw new HistoryQueryException("end (" + end + ") is before start (" + start + ")");
			}
			if (ChronoUnit.DAYS.between(start, end) >= WindowRequest.MAX_DAYS) {
				throw new HistoryQueryException("the window may span at most " + WindowRequest.MAX_DAYS + " days");
			}
			return of(start, end, zone);
		}
		int days = (request.days() != null) ? request.days() : WindowRequest.DEFAULT_DAYS;
		if (days < 1 || days > WindowRequest.MAX_DAYS) {
			throw new HistoryQueryException("days must be between 1 and " + WindowRequest.MAX_DAYS + ", got " + days);
		}
		return of(todayLocal.minusDays(days - 1L), todayLocal, zone);
	}

	/** Number of local days in the window. */
	public long days() {
		return ChronoUnit.DAYS.between(this.startDate, this.endDate) + 1;
	}

	public WindowInfo info() {
		return new WindowInfo(this.startDate.toString(), this.endDate.toString(), this.zone.getId(), days());
	}

	static ZoneId zone(String id) {
		try {
			return ZoneId.of(id);
		}
		catch (DateTimeException ex) {
			throw new HistoryQueryException(
					"unknown time_zone '" + id + "': use an IANA name such as Europe/Berlin or America/New_York");
		}
	}

	private static LocalDate date(String field, String value) {
		LocalDate date;
		try {
			date = LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new HistoryQueryException(field + " must be a date like 2024-05-31, got '" + value + "'");
		}
		// "+300000-01-01" parses, but the database cannot compare plays with it
		if (!DatabaseTimeRange.contains(date.atStartOfDay(ZoneOffset.UTC).toInstant())) {
			throw new HistoryQueryException(
					field + " must be " + DatabaseTimeRange.DESCRIPTION + ", got '" + value + "'");
		}
		return date;
	}

}
