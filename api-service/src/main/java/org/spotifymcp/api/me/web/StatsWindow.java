package org.spotifymcp.api.me.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.spotifymcp.shared.analytics.WindowRequest;

/**
 * The window a stats page shows: a preset or custom dates, read in the listener's zone.
 *
 * @param range the preset key (or "custom")
 * @param from first day for custom windows (may be null)
 * @param to last day for custom windows (may be null)
 * @param by plays or minutes: what the top lists rank by
 * @param description the window in words
 * @param request the analytics window
 */
public record StatsWindow(String range, String from, String to, String by, String description, WindowRequest request) {

	/** The presets, in the order the picker lists them. */
	public static final List<Preset> PRESETS = List.of(new Preset("7", "Last 7 days"), new Preset("30", "Last 30 days"),
			new Preset("90", "Last 90 days"), new Preset("365", "Last 12 months"), new Preset("this-year", "This year"),
			new Preset("last-year", "Last year"), new Preset("all", "All time"), new Preset("custom", "Custom dates"));

	/**
	 * Reads the picker's parameters; unknown presets fall back to 90 days, custom dates
	 * that do not parse are reported by the caller's analytics call.
	 * @param range preset key
	 * @param from custom first day
	 * @param to custom last day
	 * @param by plays or minutes
	 * @param zone the listener's zone
	 * @param clock today's source
	 * @return the window
	 */
	public static StatsWindow of(String range, String from, String to, String by, String zone, Clock clock) {
		String rank = "minutes".equals(by) ? "minutes" : "plays";
		String key = (range == null || range.isBlank()) ? ((from != null && !from.isBlank()) ? "custom" : "90") : range;
		LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(zone)));
		return switch (key) {
			case "7", "30", "90", "365" -> new StatsWindow(key, null, null, rank, label(key),
					WindowRequest.lastDays(Integer.parseInt(key)).withTimeZone(zone));
			case "this-year" -> new StatsWindow(key, null, null, rank, label(key),
					WindowRequest.between(today.withDayOfYear(1).toString(), today.toString(), zone));
			case "last-year" -> {
				LocalDate start = today.minusYears(1).withDayOfYear(1);
				yield new StatsWindow(key, null, null, rank, label(key),
						WindowRequest.between(start.toString(), start.plusYears(1).minusDays(1).toString(), zone));
			}
			case "all" -> new StatsWindow(key, null, null, rank, label(key), WindowRequest.allTime(zone));
			case "custom" -> custom(from, to, rank, zone, today);
			default ->
				new StatsWindow("90", null, null, rank, label("90"), WindowRequest.lastDays(90).withTimeZone(zone));
		};
	}

	private static StatsWindow custom(String from, String to, String rank, String zone, LocalDate today) {
		String start = (from == null || from.isBlank()) ? today.minusDays(29).toString() : from.trim();
		String end = (to == null || to.isBlank()) ? today.toString() : to.trim();
		try {
			LocalDate.parse(start);
			LocalDate.parse(end);
		}
		catch (DateTimeParseException ex) {
			start = today.minusDays(29).toString();
			end = today.toString();
		}
		return new StatsWindow("custom", start, end, rank, start + " to " + end,
				WindowRequest.between(start, end, zone));
	}

	private static String label(String key) {
		return PRESETS.stream().filter((preset) -> preset.key().equals(key)).findFirst().orElseThrow().label();
	}

	/** The same window ranked the other way, for the plays/time toggle. */
	public String query(String rankBy) {
		StringBuilder query = new StringBuilder("range=").append(this.range).append("&by=").append(rankBy);
		if (this.from != null) {
			query.append("&from=").append(this.from).append("&to=").append(this.to);
		}
		return query.toString();
	}

	/**
	 * One preset of the picker.
	 *
	 * @param key the parameter value
	 * @param label what the picker shows
	 */
	public record Preset(String key, String label) {

	}

}
