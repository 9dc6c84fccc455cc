package org.spotifymcp.shared.analytics;

import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.spotifymcp.shared.plays.PlaySource;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.spotifymcp.shared.analytics.Figures.peak;
import static org.spotifymcp.shared.analytics.Figures.ratio;
import static org.spotifymcp.shared.analytics.Figures.minutes;
import static org.spotifymcp.shared.analytics.Figures.iso;

/** When the listening happened: heatmap, timeline and coverage of a window. */
final class ListeningHabits {

	private final NamedParameterJdbcTemplate jdbc;

	private final WindowReader reader;

	ListeningHabits(NamedParameterJdbcTemplate jdbc, WindowReader reader) {
		this.jdbc = jdbc;
		this.reader = reader;
	}

	public ListeningHeatmap heatmap(int userId, WindowRequest request) {
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
			long[][] cells = heatmapCells(counts);
			List<ListeningHeatmap.HeatmapDay> days = new ArrayList<>();
			long total = 0;
			for (int day = 0; day < 7; day++) {
				long sum = 0;
				List<Long> hours = new ArrayList<>(24);
				for (int hour = 0; hour < 24; hour++) {
					hours.add(cells[day][hour]);
					sum += cells[day][hour];
				}
				total += sum;
				days.add(new ListeningHeatmap.HeatmapDay(DayOfWeek.of(day + 1).name(), hours, sum));
			}
			return new ListeningHeatmap(counts.window().info(), total, days, peakWeekday(cells),
					peak(hourTotals(cells)));
		});
	}

	/** Plays per local weekday (Monday = 0) and hour. */
	long[][] heatmapCells(WindowCounts counts) {
		long[][] cells = new long[7][24];
		boolean visited = counts.visitLocalHours((localHour, plays, ms) -> {
			// Day 0 of the epoch was a Thursday (weekday 3 counting Monday as 0).
			cells[(int) Math.floorMod(Math.floorDiv(localHour, 24) + 3, 7)][(int) Math.floorMod(localHour,
					24)] += plays;
		});
		if (visited) {
			return cells;
		}
		PlaySlices slices = counts.slices();
		MapSqlParameterSource params = slices.parameters();
		this.jdbc.query("SELECT ((lh / 24) + 3) % 7 AS wd, lh % 24 AS hr, sum(plays) AS plays FROM "
				+ slices.localHours(params) + " x GROUP BY 1, 2", params, (ResultSet rs) -> {
					cells[rs.getInt("wd")][rs.getInt("hr")] = rs.getLong("plays");
				});
		return cells;
	}

	static long[] hourTotals(long[][] cells) {
		long[] hours = new long[24];
		for (long[] day : cells) {
			for (int hour = 0; hour < 24; hour++) {
				hours[hour] += day[hour];
			}
		}
		return hours;
	}

	static String peakWeekday(long[][] cells) {
		long[] days = new long[7];
		for (int day = 0; day < 7; day++) {
			for (long plays : cells[day]) {
				days[day] += plays;
			}
		}
		Integer peak = peak(days);
		return (peak != null) ? DayOfWeek.of(peak + 1).name() : null;
	}

	public Coverage coverage(int userId, WindowRequest request) {
		return this.reader.read(() -> {
			PlaySlices slices = this.reader.slices(userId, request);
			HistoryWindow window = slices.window();
			Map<Short, Long> sourcePlays = new TreeMap<>();
			Map<LocalDate, long[]> days = dailyTotals(slices, null, sourcePlays);
			List<Coverage.EmptyStretch> stretches = new ArrayList<>();
			LocalDate emptyFrom = null;
			for (LocalDate day = window.startDate(); !day.isAfter(window.endDate()); day = day.plusDays(1)) {
				boolean empty = !days.containsKey(day);
				if (empty && emptyFrom == null) {
					emptyFrom = day;
				}
				if (!empty && emptyFrom != null) {
					stretches.add(stretch(emptyFrom, day.minusDays(1)));
					emptyFrom = null;
				}
			}
			if (emptyFrom != null) {
				stretches.add(stretch(emptyFrom, window.endDate()));
			}
			stretches.sort(Comparator.comparingLong(Coverage.EmptyStretch::days)
				.reversed()
				.thenComparing(Coverage.EmptyStretch::start));
			List<Coverage.SourceCount> sources = new ArrayList<>();
			sourcePlays.forEach((code, plays) -> sources
				.add(new Coverage.SourceCount(PlaySource.fromCode(code).name().toLowerCase(Locale.ROOT), plays)));
			List<Coverage.CollectorGap> gaps = this.jdbc.query(
					"SELECT gap_start, gap_end, detected_at FROM coverage_gaps WHERE user_id = :u AND gap_end > :a"
							+ " AND gap_start < :b ORDER BY gap_start LIMIT 100",
					slices.parameters(), (rs, row) -> new Coverage.CollectorGap(iso(rs, "gap_start"),
							iso(rs, "gap_end"), iso(rs, "detected_at")));
			String[] firstLast = new String[2];
			this.jdbc.query(
					"SELECT (SELECT min(played_at) FROM plays WHERE user_id = :u AND played_at >= :a"
							+ " AND played_at < :b) AS first, (SELECT max(played_at) FROM plays WHERE user_id = :u"
							+ " AND played_at >= :a AND played_at < :b) AS last",
					slices.parameters(), (ResultSet rs) -> {
						firstLast[0] = iso(rs, "first");
						firstLast[1] = iso(rs, "last");
					});
			long plays = days.values().stream().mapToLong((v) -> v[0]).sum();
			return new Coverage(window.info(), plays, days.size(), ratio(days.size(), window.days()), firstLast[0],
					firstLast[1], stretches.subList(0, Math.min(20, stretches.size())), gaps, sources);
		});
	}

	/**
	 * Plays and minutes per bucket.
	 * @param userId the user
	 * @param request the window
	 * @param granularity day, week, month, or null to pick by window length
	 * @return every bucket of the window
	 */
	public ListeningTimeline timeline(int userId, WindowRequest request, String granularity) {
		return this.reader.read(() -> {
			PlaySlices slices = this.reader.slices(userId, request);
			HistoryWindow window = slices.window();
			String unit = (granularity == null || granularity.isBlank())
					? ((window.days() <= 92) ? "day" : (window.days() <= 731) ? "week" : "month")
					: granularity.trim().toLowerCase(Locale.ROOT);
			if (!List.of("day", "week", "month").contains(unit)) {
				throw new HistoryQueryException("granularity must be day, week or month, got '" + granularity + "'");
			}
			if ("day".equals(unit) && window.days() > 3700) {
				throw new HistoryQueryException("at most 3700 daily buckets: use week or month for this window");
			}
			Map<LocalDate, long[]> days = dailyTotals(slices);
			Map<LocalDate, long[]> buckets = new LinkedHashMap<>();
			for (LocalDate day = window.startDate(); !day.isAfter(window.endDate()); day = day.plusDays(1)) {
				LocalDate key = bucketStart(day, unit);
				if (key.isBefore(window.startDate())) {
					key = window.startDate();
				}
				long[] sum = buckets.computeIfAbsent(key, (k) -> new long[2]);
				long[] value = days.get(day);
				if (value != null) {
					sum[0] += value[0];
					sum[1] += value[1];
				}
			}
			List<ListeningTimeline.Bucket> result = new ArrayList<>();
			buckets.forEach((start, sum) -> result
				.add(new ListeningTimeline.Bucket(start.toString(), sum[0], minutes(sum[1]))));
			return new ListeningTimeline(window.info(), unit, result);
		});
	}

	/**
	 * Plays and milliseconds per local day that has plays, in day order, and plays per
	 * local hour of day, from the hour counts (raw plays for zones with offsets that are
	 * not whole hours).
	 */
	Map<LocalDate, long[]> dailyTotalsAndHours(WindowCounts counts, long[] hours) {
		Map<Long, long[]> byDay = new HashMap<>();
		boolean visited = counts.visitLocalHours((localHour, plays, ms) -> {
			long[] day = byDay.computeIfAbsent(Math.floorDiv(localHour, 24), (d) -> new long[2]);
			day[0] += plays;
			day[1] += ms;
			hours[(int) Math.floorMod(localHour, 24)] += plays;
		});
		if (!visited) {
			return dailyTotals(counts.slices(), hours, null);
		}
		Map<LocalDate, long[]> days = new TreeMap<>();
		byDay.forEach((day, sum) -> {
			if (sum[0] != 0) {
				days.put(LocalDate.ofEpochDay(day), sum);
			}
		});
		return days;
	}

	Map<LocalDate, long[]> dailyTotals(PlaySlices slices) {
		return dailyTotals(slices, null, null);
	}

	/**
	 * Plays and milliseconds per local day that has plays, in day order; in the same
	 * read, optionally, plays per local hour of day and per source.
	 * @param slices the window
	 * @param hours receives plays per hour of day, or null
	 * @param sources receives plays per source code, or null
	 * @return the days
	 */
	Map<LocalDate, long[]> dailyTotals(PlaySlices slices, long[] hours, Map<Short, Long> sources) {
		MapSqlParameterSource params = slices.parameters();
		Map<LocalDate, long[]> days = new TreeMap<>();
		String localDays = (hours == null) ? slices.localDays(params) : null;
		if (localDays != null) {
			this.jdbc.query(localDays, params, (ResultSet rs) -> {
				long[] day = days.computeIfAbsent(LocalDate.ofEpochDay(rs.getLong("d")), (d) -> new long[2]);
				day[0] += rs.getLong("plays");
				day[1] += rs.getLong("ms");
				if (sources != null) {
					sources.merge(rs.getShort("source"), rs.getLong("plays"), Long::sum);
				}
			});
			return days;
		}
		// One scan of the hour rows feeds every grouping asked for; the row's kind is the
		// bitmask of GROUPING(): 0 = a day, else an hour of day or a source.
		List<String> keys = new ArrayList<>(List.of("lh / 24"));
		if (hours != null) {
			keys.add("lh % 24");
		}
		if (sources != null) {
			keys.add("source");
		}
		String columns = String.join(", ", keys);
		this.jdbc.query("SELECT " + columns + ", GROUPING(" + columns + ") AS kind, sum(plays) AS plays,"
				+ " sum(ms) AS ms FROM " + slices.localHours(params) + " x GROUP BY GROUPING SETS (("
				+ String.join("), (", keys) + "))", params, (ResultSet rs) -> {
					int kind = rs.getInt("kind");
					int unused = (1 << (keys.size() - 1)) - 1;
					if (kind == unused) {
						days.put(LocalDate.ofEpochDay(rs.getLong(1)),
								new long[] { rs.getLong("plays"), rs.getLong("ms") });
					}
					else if (hours != null && rs.getObject(2) != null) {
						hours[rs.getInt(2)] = rs.getLong("plays");
					}
					else {
						sources.put(rs.getShort(keys.size()), rs.getLong("plays"));
					}
				});
		return days;
	}

	static LocalDate bucketStart(LocalDate day, String unit) {
		if ("week".equals(unit)) {
			return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		}
		return "month".equals(unit) ? day.withDayOfMonth(1) : day;
	}

	static Coverage.EmptyStretch stretch(LocalDate from, LocalDate to) {
		return new Coverage.EmptyStretch(from.toString(), to.toString(), ChronoUnit.DAYS.between(from, to) + 1);
	}

}
