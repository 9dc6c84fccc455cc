package org.spotifymcp.api.me.web;

import java.util.ArrayList;
import java.util.List;

import org.spotifymcp.shared.analytics.ListeningHeatmap;

/**
 * The weekday × hour table, shaded in six steps relative to the busiest hour.
 *
 * @param rows seven weekdays, Monday first
 */
public record Heatmap(List<Row> rows) {

	private static final String[] WEEKDAYS = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

	public static Heatmap of(ListeningHeatmap heatmap) {
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
				int level = (plays == 0 || max == 0) ? 0 : (int) Math.max(1, Math.ceil(plays * 5.0 / max));
				cells.add(new Cell(hour++, plays, level));
			}
			rows.add(new Row(WEEKDAYS[day], cells));
		}
		return new Heatmap(rows);
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
