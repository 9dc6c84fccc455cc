package org.spotifymcp.shared.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * The weekday × hour table as both UIs draw it (admin user page, listener stats), shaded
 * in six steps relative to the busiest hour.
 *
 * @param rows seven weekdays, Monday first
 */
public record ShadedHeatmap(List<Row> rows) {

	private static final String[] WEEKDAYS = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

	public static ShadedHeatmap of(ListeningHeatmap heatmap) {
		long max = heatmap.days()
			.stream()
			.flatMap((day) -> day.hours().stream())
			.mapToLong(Long::longValue)
			.max()
			.orElse(0);
		List<Row> rows = new ArrayList<>();
		for (int day = 0; day < heatmap.days().size(); day++) {
			List<Cell> cells = new ArrayList<>();
			int hour = 0;
			for (long plays : heatmap.days().get(day).hours()) {
				// six shades, 0 only for hours without any plays
				int level = (plays == 0 || max == 0) ? 0 : (int) Math.max(1, Math.ceil(plays * 5.0 / max));
				cells.add(new Cell(hour++, plays, level));
			}
			rows.add(new Row(WEEKDAYS[day], cells));
		}
		return new ShadedHeatmap(rows);
	}

	/**
	 * One weekday.
	 *
	 * @param weekday short name
	 * @param cells 24 hours
	 */
	public record Row(String weekday, List<Cell> cells) {

	}

	/**
	 * One hour.
	 *
	 * @param hour local hour
	 * @param plays plays
	 * @param level shade 0-5
	 */
	public record Cell(int hour, long plays, int level) {

	}

}
