package org.spotifymcp.shared.analytics;

/**
 * What a caller asked for as a time window: {@code days} back from today, or
 * {@code start}/{@code end} dates, or all time; dates and buckets are read in
 * {@code timeZone} (the user's own when null).
 *
 * @param days number of days ending today (default 90 when nothing else is given)
 * @param start first day, ISO {@code yyyy-MM-dd}
 * @param end last day (inclusive), ISO {@code yyyy-MM-dd}; defaults to today
 * @param allTime everything from the user's first play to today
 * @param timeZone an IANA time zone such as {@code Europe/Berlin}
 */
public record WindowRequest(Integer days, String start, String end, Boolean allTime, String timeZone) {

	public static final int DEFAULT_DAYS = 90;

	public static final int MAX_DAYS = 36600;

	public static WindowRequest lastDays(int days) {
		return new WindowRequest(days, null, null, null, null);
	}

	public static WindowRequest between(String start, String end, String timeZone) {
		return new WindowRequest(null, start, end, null, timeZone);
	}

	public static WindowRequest allTime(String timeZone) {
		return new WindowRequest(null, null, null, true, timeZone);
	}

	public WindowRequest withTimeZone(String zone) {
		return new WindowRequest(this.days, this.start, this.end, this.allTime, zone);
	}

}
