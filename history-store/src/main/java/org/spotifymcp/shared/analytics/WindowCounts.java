package org.spotifymcp.shared.analytics;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One tool call's counts of a window, each computed at most once: per track, artist key
 * and album from cached whole months ({@link HistoryMemory}) plus the raw plays at the
 * edges, and plays per local hour.
 */
final class WindowCounts {

	private static final long DAY = 86_400;

	private final NamedParameterJdbcTemplate jdbc;

	private final HistoryMemory memory;

	private final PlaySlices slices;

	private final int userId;

	private IntTally tracks;

	private Tally<String> artists;

	private IntTally albums;

	private IntTally skips;

	private Tally<String> artistSkips;

	WindowCounts(NamedParameterJdbcTemplate jdbc, HistoryMemory memory, PlaySlices slices) {
		this.jdbc = jdbc;
		this.memory = memory;
		this.slices = slices;
		this.userId = slices.userId();
	}

	/** The rows of whole months, checked against the revisions read with the window. */
	List<HistoryMemory.Rows> months(HistoryMemory.Kind kind, int fromMonth, int toMonth) {
		return this.memory.months(this.jdbc, this.userId, kind, fromMonth, toMonth, revisions());
	}

	/** The all-time totals of a kind. */
	HistoryMemory.Rows totals(HistoryMemory.Kind kind) {
		return this.memory.totals(this.jdbc, this.userId, kind, revisions());
	}

	/** Genres per artist key of every artist the user has played. */
	Map<String, String[]> genres() {
		return this.memory.genres(this.jdbc, this.userId, revisions());
	}

	private Map<Integer, Long> revisions() {
		return this.slices.revisions();
	}

	PlaySlices slices() {
		return this.slices;
	}

	HistoryWindow window() {
		return this.slices.window();
	}

	IntTally tracks() {
		if (this.tracks == null) {
			this.tracks = idSum(HistoryMemory.Kind.TRACKS, HistoryMemory.Kind.TRACK_DAYS,
					HistoryMemory.Kind.TRACK_TOTALS, this.slices::trackEdges);
		}
		return this.tracks;
	}

	Tally<String> artists() {
		if (this.artists == null) {
			Tally<String> tally = new Tally<>();
			if (this.slices.coversAllPlays()) {
				add(totals(HistoryMemory.Kind.ARTIST_TOTALS), 1, Long.MIN_VALUE, Long.MAX_VALUE,
						(rows, i, sign) -> tally.add(rows.texts()[i], rows.plays()[i], rows.ms()[i]));
			}
			else {
				sum(wholeMonths(HistoryMemory.Kind.ARTISTS), HistoryMemory.Kind.ARTIST_DAYS, this.slices::artistEdges,
						(rows, i, sign) -> tally.add(rows.texts()[i], sign * rows.plays()[i], sign * rows.ms()[i]),
						(rs) -> tally.add(rs.getString("k"), rs.getLong("plays"), rs.getLong("ms")));
			}
			this.artists = tally.withoutEmpty();
		}
		return this.artists;
	}

	/**
	 * Skipped listens per track (the tally's plays are skips): whole months from memory,
	 * the edges from raw plays.
	 */
	IntTally skips() {
		if (this.skips == null) {
			PlaySlices.Split split = this.slices.split();
			IntTally tally = new IntTally();
			for (HistoryMemory.Rows month : months(HistoryMemory.Kind.SKIPS, split.fromMonth(), split.toMonth())) {
				add(month, 1, Long.MIN_VALUE, Long.MAX_VALUE,
						(rows, i, sign) -> tally.add(rows.ids()[i], rows.plays()[i], rows.ms()[i]));
			}
			if (!split.edges().isEmpty()) {
				MapSqlParameterSource params = new MapSqlParameterSource();
				this.jdbc.query(this.slices.skipEdges(split.edges(), params), params, (ResultSet rs) -> {
					tally.add(rs.getInt("k"), rs.getLong("plays"), rs.getLong("ms"));
				});
			}
			this.skips = tally.withoutEmpty();
		}
		return this.skips;
	}

	/**
	 * Skipped listens per artist key (the tally's plays are skips): whole months from
	 * memory, the edges from raw plays.
	 */
	Tally<String> artistSkips() {
		if (this.artistSkips == null) {
			PlaySlices.Split split = this.slices.split();
			Tally<String> tally = new Tally<>();
			for (HistoryMemory.Rows month : months(HistoryMemory.Kind.ARTIST_SKIPS, split.fromMonth(),
					split.toMonth())) {
				for (int i = 0; i < month.size(); i++) {
					tally.add(month.texts()[i], month.plays()[i], month.ms()[i]);
				}
			}
			if (!split.edges().isEmpty()) {
				MapSqlParameterSource params = new MapSqlParameterSource();
				this.jdbc.query(this.slices.artistSkipEdges(split.edges(), params), params, (ResultSet rs) -> {
					tally.add(rs.getString("k"), rs.getLong("plays"), rs.getLong("ms"));
				});
			}
			this.artistSkips = tally.withoutEmpty();
		}
		return this.artistSkips;
	}

	IntTally albums() {
		if (this.albums == null) {
			this.albums = idSum(HistoryMemory.Kind.ALBUMS, HistoryMemory.Kind.ALBUM_DAYS,
					HistoryMemory.Kind.ALBUM_TOTALS, this.slices::albumEdges);
		}
		return this.albums;
	}

	/**
	 * The window's sum of a rollup keyed by id: the all-time sum kept with the totals
	 * when the window holds every play, else summed from the months, sized up front from
	 * them (months share many keys: a year of 5,000-row months held 27,000 tracks).
	 */
	private IntTally idSum(HistoryMemory.Kind months, HistoryMemory.Kind days, HistoryMemory.Kind totals,
			BiFunction<List<PlaySlices.Range>, MapSqlParameterSource, String> edgeQuery) {
		if (this.slices.coversAllPlays()) {
			return this.memory.totalsTally(this.jdbc, this.userId, totals, revisions());
		}
		List<HistoryMemory.Rows> whole = wholeMonths(months);
		int largest = 0;
		int rows = 0;
		for (HistoryMemory.Rows month : whole) {
			largest = Math.max(largest, month.size());
			rows += month.size();
		}
		IntTally tally = new IntTally(largest * 2 + (rows - largest) / 3);
		sum(whole, days, edgeQuery,
				(month, i, sign) -> tally.add(month.ids()[i], sign * month.plays()[i], sign * month.ms()[i]),
				(rs) -> tally.add(rs.getInt("k"), rs.getLong("plays"), rs.getLong("ms")));
		return tally.withoutEmpty();
	}

	private List<HistoryMemory.Rows> wholeMonths(HistoryMemory.Kind kind) {
		PlaySlices.Split split = this.slices.split();
		return months(kind, split.fromMonth(), split.toMonth());
	}

	/** Receives one cached row, with the sign of the range it counts for. */
	private interface RowSink {

		void add(HistoryMemory.Rows rows, int index, long sign);

	}

	/**
	 * Sums the window: whole months and, of the partial months at the edges, whole UTC
	 * days from memory; only what is left (less than a day at each end of an edge range)
	 * is read from raw plays.
	 */
	private void sum(List<HistoryMemory.Rows> wholeMonths, HistoryMemory.Kind days,
			BiFunction<List<PlaySlices.Range>, MapSqlParameterSource, String> edgeQuery, RowSink rows,
			RowCallbackHandler raw) {
		for (HistoryMemory.Rows month : wholeMonths) {
			add(month, 1, Long.MIN_VALUE, Long.MAX_VALUE, rows);
		}
		PlaySlices.Split split = this.slices.split();
		List<PlaySlices.Range> rest = new ArrayList<>();
		for (PlaySlices.Range edge : split.edges()) {
			long firstDay = Math.floorDiv(edge.from().getEpochSecond() + DAY - 1, DAY);
			long afterDay = Math.floorDiv(edge.to().getEpochSecond(), DAY);
			if (firstDay >= afterDay) {
				rest.add(edge);
				continue;
			}
			int month = PlaySlices.monthIndex(YearMonth.from(edge.from().atOffset(ZoneOffset.UTC)));
			for (HistoryMemory.Rows byDay : months(days, month, month + 1)) {
				add(byDay, edge.sign(), firstDay, afterDay, rows);
			}
			rest.add(new PlaySlices.Range(edge.from(), Instant.ofEpochSecond(firstDay * DAY), edge.sign()));
			rest.add(new PlaySlices.Range(Instant.ofEpochSecond(afterDay * DAY), edge.to(), edge.sign()));
		}
		rest.removeIf(PlaySlices.Range::isEmpty);
		if (!rest.isEmpty()) {
			MapSqlParameterSource params = new MapSqlParameterSource();
			this.jdbc.query(edgeQuery.apply(rest, params), params, raw);
		}
	}

	/** Adds rows (of days {@code [firstDay, afterDay)} only, for rows by day). */
	private static void add(HistoryMemory.Rows rows, long sign, long firstDay, long afterDay, RowSink sink) {
		int[] days = rows.days();
		for (int i = 0; i < rows.size(); i++) {
			if (days == null || (days[i] >= firstDay && days[i] < afterDay)) {
				sink.add(rows, i, sign);
			}
		}
	}

	/** Receives plays per local hour. */
	interface LocalHourVisitor {

		/**
		 * @param localHour hours since the local epoch: {@code floorDiv(localHour, 24)}
		 * is the local epoch day
		 * @param plays plays in that hour
		 * @param ms milliseconds played in that hour
		 */
		void visit(long localHour, long plays, long ms);

	}

	/**
	 * Visits the window's plays per local hour from cached whole months and the hour
	 * rollups of the partial months.
	 * @param visitor receives the hours, in no particular order
	 * @return false, visiting nothing, when the zone's offsets in the window are not
	 * whole hours (only raw plays give local hours then)
	 */
	boolean visitLocalHours(LocalHourVisitor visitor) {
		List<long[]> segments = this.slices.offsetSegments();
		if (segments == null) {
			return false;
		}
		long startHour = window().start().getEpochSecond() / 3600;
		long endHour = window().end().getEpochSecond() / 3600;
		YearMonth firstWhole = YearMonth.from(window().start().atOffset(ZoneOffset.UTC));
		if (hourOf(firstWhole) < startHour) {
			firstWhole = firstWhole.plusMonths(1);
		}
		YearMonth afterWhole = YearMonth.from(window().end().atOffset(ZoneOffset.UTC));
		long wholeFrom = Math.min(hourOf(firstWhole), endHour);
		long wholeTo = Math.max(wholeFrom, Math.min(hourOf(afterWhole), endHour));
		HourOffsets offsets = new HourOffsets(segments);
		if (wholeTo > wholeFrom) {
			for (HistoryMemory.Rows rows : months(HistoryMemory.Kind.HOURS, PlaySlices.monthIndex(firstWhole),
					PlaySlices.monthIndex(afterWhole))) {
				for (int i = 0; i < rows.size(); i++) {
					int hour = rows.ids()[i];
					visitor.visit(hour + offsets.at(hour), rows.plays()[i], rows.ms()[i]);
				}
			}
		}
		MapSqlParameterSource params = new MapSqlParameterSource("u", this.userId).addValue("h1", startHour)
			.addValue("h2", wholeFrom)
			.addValue("h3", wholeTo)
			.addValue("h4", endHour);
		this.jdbc.query("SELECT hour, sum(plays) AS plays, sum(ms_played) AS ms FROM play_hour_totals"
				+ " WHERE user_id = :u AND ((hour >= :h1 AND hour < :h2) OR (hour >= :h3 AND hour < :h4))"
				+ " GROUP BY hour", params, (ResultSet rs) -> {
					int hour = rs.getInt("hour");
					visitor.visit(hour + offsets.at(hour), rs.getLong("plays"), rs.getLong("ms"));
				});
		return true;
	}

	private static long hourOf(YearMonth month) {
		Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		return start.getEpochSecond() / 3600;
	}

	/** The zone's offset in hours for an hour since the epoch, from sorted segments. */
	private static final class HourOffsets {

		private final long[] starts;

		private final long[] offsets;

		HourOffsets(List<long[]> segments) {
			this.starts = new long[segments.size()];
			this.offsets = new long[segments.size()];
			for (int i = 0; i < segments.size(); i++) {
				this.starts[i] = segments.get(i)[0];
				this.offsets[i] = segments.get(i)[1];
			}
		}

		long at(long hour) {
			int index = java.util.Arrays.binarySearch(this.starts, hour);
			if (index < 0) {
				index = Math.max(0, -index - 2);
			}
			return this.offsets[index];
		}

	}

}
