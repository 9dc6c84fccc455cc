package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * Plays per weekday and local hour.
 *
 * @param window the window
 * @param totalPlays all plays in the window
 * @param days seven rows, Monday first
 * @param peakWeekday the busiest weekday (null without plays)
 * @param peakHour the busiest local hour 0-23 (null without plays)
 */
public record ListeningHeatmap(WindowInfo window, long totalPlays, List<HeatmapDay> days, String peakWeekday,
		Integer peakHour) {

	/**
	 * One weekday.
	 *
	 * @param weekday e.g. MONDAY
	 * @param hours 24 play counts, index = local hour
	 * @param plays total for the weekday
	 */
	public record HeatmapDay(String weekday, List<Long> hours, long plays) {

	}

}
