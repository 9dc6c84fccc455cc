package org.spotifymcp.shared.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.spotifymcp.shared.plays.PlaySource;
import org.spotifymcp.shared.rollups.CountedPlays;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers questions about one user's listening history: tops, habits, coverage,
 * discoveries, search and summaries, for any window and time zone. Reads the rollups of
 * {@code V3__history_rollups.sql} so every answer stays fast at a million plays; artists
 * that exist under a Spotify id and an export-only id are merged by lower-cased name.
 */
public class HistoryAnalytics {

	public static final int MAX_LIMIT = 50;

	private static final String TRACK_DETAILS = "SELECT top.rnk, t.spotify_id, t.name, top.plays, top.ms, al.name AS album,"
			+ " (SELECT string_agg(a.name, ', ' ORDER BY ta.position) FROM track_artists ta"
			+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists"
			+ " FROM top JOIN tracks t ON t.id = top.track_id LEFT JOIN albums al ON al.id = t.album_id"
			+ " ORDER BY top.plays DESC, t.name, t.id";

	private final NamedParameterJdbcTemplate jdbc;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final HistoryMemory memory;

	public HistoryAnalytics(NamedParameterJdbcTemplate jdbc, Clock clock, TransactionTemplate transactions,
			HistoryMemory memory) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = transactions;
		this.memory = memory;
	}

	/**
	 * Resolves a window for a user, checking that the user exists.
	 * @param userId the user
	 * @param request the window asked for
	 * @return the window
	 */
	public HistoryWindow window(int userId, WindowRequest request) {
		return slices(userId, request).window();
	}

	public TopTracks topTracks(int userId, WindowRequest request, int limit) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
			int size = checkLimit(limit);
			return new TopTracks(counts.window().info(), counts.tracks().totalPlays(), tracks(counts, size, 1));
		});
	}

	public TopArtists topArtists(int userId, WindowRequest request, int limit) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
			int size = checkLimit(limit);
			List<ArtistAggregate> all = artistAggregates(counts);
			return new TopArtists(counts.window().info(), counts.tracks().totalPlays(), named(counts, all, size));
		});
	}

	public TopAlbums topAlbums(int userId, WindowRequest request, int limit) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
			int size = checkLimit(limit);
			return new TopAlbums(counts.window().info(), counts.tracks().totalPlays(), albums(counts, size));
		});
	}

	public ListeningHeatmap heatmap(int userId, WindowRequest request) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
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
	private long[][] heatmapCells(WindowCounts counts) {
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

	private static long[] hourTotals(long[][] cells) {
		long[] hours = new long[24];
		for (long[] day : cells) {
			for (int hour = 0; hour < 24; hour++) {
				hours[hour] += day[hour];
			}
		}
		return hours;
	}

	private static String peakWeekday(long[][] cells) {
		long[] days = new long[7];
		for (int day = 0; day < 7; day++) {
			for (long plays : cells[day]) {
				days[day] += plays;
			}
		}
		Integer peak = peak(days);
		return (peak != null) ? DayOfWeek.of(peak + 1).name() : null;
	}

	public RepeatRate repeatRate(int userId, WindowRequest request, int limit) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
			Totals totals = totals(counts);
			List<TrackCount> repeated = tracks(counts, checkLimit(limit), 2);
			long repeats = totals.plays() - totals.tracks();
			return new RepeatRate(counts.window().info(), totals.plays(), totals.tracks(), repeats,
					ratio(repeats, totals.plays()), totals.playedOnce(), repeated);
		});
	}

	/**
	 * Skipped listens of a window and the tracks and artists skipped most.
	 * @param userId the user
	 * @param request the window
	 * @param limit size of the track and artist lists
	 * @return the skip rates
	 */
	public SkipRates skips(int userId, WindowRequest request, int limit) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
			int size = checkLimit(limit);
			IntTally skips = counts.skips();
			IntTally plays = counts.tracks();
			long skipped = skips.totalPlays();
			long played = plays.totalPlays();
			List<Tally.Entry<Integer>> skippedTracks = skips.candidates(Math.max(1, skips.size()), 1, 0);
			List<SkipRates.Skipped> tracks = new ArrayList<>();
			Tally<String> artistSkips = new Tally<>();
			if (!skippedTracks.isEmpty()) {
				MapSqlParameterSource params = new MapSqlParameterSource("ids",
						integers(skippedTracks.stream().map(Tally.Entry::key).toList()))
					.addValue("skips", longs(skippedTracks.stream().map(Tally.Entry::plays).toList()));
				this.jdbc.query("SELECT DISTINCT c.track_id, lower(a.name) AS k, c.skips FROM unnest(:ids, :skips)"
						+ " AS c(track_id, skips) JOIN track_artists ta ON ta.track_id = c.track_id"
						+ " JOIN artists a ON a.id = ta.artist_id", params, (ResultSet rs) -> {
							artistSkips.add(rs.getString("k"), rs.getLong("skips"), 0);
						});
				List<Tally.Entry<Integer>> top = skippedTracks.subList(0, Math.min(skippedTracks.size(), size + 1000));
				Map<Integer, String[]> names = new HashMap<>();
				this.jdbc.query("SELECT t.id, t.name, (SELECT string_agg(a.name, ', ' ORDER BY ta.position)"
						+ " FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id)"
						+ " AS artists FROM tracks t WHERE t.id = ANY (:ids)",
						new MapSqlParameterSource("ids", integers(top.stream().map(Tally.Entry::key).toList())),
						(ResultSet rs) -> {
							names.put(rs.getInt("id"), new String[] { rs.getString("name"), rs.getString("artists") });
						});
				for (Tally.Entry<Integer> track : top) {
					String[] name = names.getOrDefault(track.key(), new String[2]);
					long trackPlays = plays.contains(track.key()) ? plays.plays(track.key()) : 0;
					tracks.add(new SkipRates.Skipped(name[0], name[1], trackPlays, track.plays(),
							ratio(track.plays(), trackPlays + track.plays())));
				}
			}
			Comparator<SkipRates.Skipped> mostSkipped = Comparator.comparingLong(SkipRates.Skipped::skippedListens)
				.reversed()
				.thenComparing(SkipRates.Skipped::name, Comparator.nullsLast(Comparator.naturalOrder()));
			tracks.sort(mostSkipped);
			List<Tally.Entry<String>> keys = new ArrayList<>(artistSkips.entries());
			keys.sort(Comparator.comparingLong(Tally.Entry<String>::plays).reversed().thenComparing(Tally.Entry::key));
			keys = keys.subList(0, Math.min(size, keys.size()));
			Map<String, ArtistName> artistNames = artistNames(keys.stream().map(Tally.Entry::key).toList());
			Tally<String> artistPlays = counts.artists();
			List<SkipRates.Skipped> artists = new ArrayList<>();
			for (Tally.Entry<String> key : keys) {
				long artistPlayed = artistPlays.plays(key.key());
				artists.add(new SkipRates.Skipped(artistNames.get(key.key()).name(), null, artistPlayed, key.plays(),
						ratio(key.plays(), artistPlayed + key.plays())));
			}
			artists.sort(mostSkipped);
			Integer minMs = this.jdbc.queryForObject("SELECT min_ms FROM play_count_rule", new MapSqlParameterSource(),
					Integer.class);
			return new SkipRates(counts.window().info(), (minMs != null) ? minMs : 0, played + skipped, played, skipped,
					ratio(skipped, played + skipped), minutes(skips.totalMs()),
					tracks.subList(0, Math.min(size, tracks.size())), artists);
		});
	}

	public Coverage coverage(int userId, WindowRequest request) {
		return read(() -> {
			PlaySlices slices = slices(userId, request);
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
		return read(() -> {
			PlaySlices slices = slices(userId, request);
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

	public Discoveries discoveries(int userId, WindowRequest request, int limit) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
			int size = checkLimit(limit);
			IntTally newTracks = newTracks(counts);
			Tally<String> newArtists = newArtists(counts);
			// Only the tracks at or above the limit-th play count are joined with the
			// catalog.
			List<Tally.Entry<Integer>> candidates = newTracks.candidates(size, 1, 1000);
			List<Discoveries.Discovery> tracks = candidates.isEmpty() ? List.of()
					: this.jdbc.query("WITH c AS (SELECT * FROM unnest(:ids, :plays) AS c(track_id, plays))"
							+ " SELECT t.name, u.first_played_at, c.plays,"
							+ " (SELECT string_agg(a.name, ', ' ORDER BY ta.position) FROM track_artists ta"
							+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists"
							+ " FROM c JOIN tracks t ON t.id = c.track_id JOIN user_track_totals u ON u.user_id = :u"
							+ " AND u.track_id = c.track_id ORDER BY c.plays DESC, t.name LIMIT :limit",
							new MapSqlParameterSource("u", userId).addValue("limit", size)
								.addValue("ids", integers(candidates.stream().map(Tally.Entry::key).toList()))
								.addValue("plays", longs(candidates.stream().map(Tally.Entry::plays).toList())),
							(rs, row) -> new Discoveries.Discovery(rs.getString("name"), rs.getString("artists"),
									iso(rs, "first_played_at"), rs.getLong("plays")));
			List<Tally.Entry<String>> artists = new ArrayList<>(newArtists.entries());
			artists
				.sort(Comparator.comparingLong(Tally.Entry<String>::plays).reversed().thenComparing(Tally.Entry::key));
			artists = artists.subList(0, Math.min(size, artists.size()));
			Map<String, ArtistName> names = artistNames(artists.stream().map(Tally.Entry::key).toList());
			Map<String, String> firstPlays = new HashMap<>();
			if (!artists.isEmpty()) {
				this.jdbc.query(
						"SELECT artist_key, first_played_at FROM user_artist_totals WHERE user_id = :u"
								+ " AND artist_key IN (:keys)",
						new MapSqlParameterSource("u", userId).addValue("keys",
								artists.stream().map(Tally.Entry::key).toList()),
						(ResultSet rs) -> {
							firstPlays.put(rs.getString("artist_key"), iso(rs, "first_played_at"));
						});
			}
			List<Discoveries.Discovery> namedArtists = artists.stream()
				.map((d) -> new Discoveries.Discovery(names.get(d.key()).name(), null, firstPlays.get(d.key()),
						d.plays()))
				.toList();
			return new Discoveries(counts.window().info(), newTracks.size(), newArtists.size(), tracks, namedArtists);
		});
	}

	/** The all-time totals (plays so far) of the tracks first played in the window. */
	private static IntTally newTracks(WindowCounts counts) {
		HistoryMemory.Rows rows = counts.totals(HistoryMemory.Kind.TRACK_TOTALS);
		IntTally found = new IntTally();
		forEachFirstPlayedIn(counts, rows, (i) -> found.add(rows.ids()[i], rows.plays()[i], rows.ms()[i]));
		return found;
	}

	/**
	 * The all-time totals (plays so far) of the artist keys first played in the window.
	 */
	private static Tally<String> newArtists(WindowCounts counts) {
		HistoryMemory.Rows rows = counts.totals(HistoryMemory.Kind.ARTIST_TOTALS);
		Tally<String> found = new Tally<>();
		forEachFirstPlayedIn(counts, rows, (i) -> found.add(rows.texts()[i], rows.plays()[i], rows.ms()[i]));
		return found;
	}

	/** How many tracks or artist keys were first played in the window. */
	private static long countFirstPlayedIn(WindowCounts counts, HistoryMemory.Kind totals) {
		long[] count = new long[1];
		forEachFirstPlayedIn(counts, counts.totals(totals), (i) -> count[0]++);
		return count[0];
	}

	private static void forEachFirstPlayedIn(WindowCounts counts, HistoryMemory.Rows rows,
			java.util.function.IntConsumer row) {
		long from = micros(counts.window().start());
		long to = micros(counts.window().end());
		for (int i = 0; i < rows.size(); i++) {
			if (rows.first()[i] >= from && rows.first()[i] < to) {
				row.accept(i);
			}
		}
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
	}

	/**
	 * Pages through the user's plays whose track, artist or album contains a text.
	 * @param userId the user
	 * @param request the window
	 * @param query at least two characters, case-insensitive
	 * @param offset plays to skip (0-10000)
	 * @param limit page size (1-50)
	 * @return the page, newest first
	 */
	public SearchHistory searchHistory(int userId, WindowRequest request, String query, int offset, int limit) {
		return read(() -> {
			String text = (query != null) ? query.trim() : "";
			if (text.length() < 2 || text.length() > 200) {
				throw new HistoryQueryException("query must be 2 to 200 characters");
			}
			if (offset < 0 || offset > 10000) {
				throw new HistoryQueryException("offset must be between 0 and 10000");
			}
			int size = checkLimit(limit);
			PlaySlices slices = slices(userId, request);
			HistoryWindow window = slices.window();
			String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			// The catalog matches (trigram indexes), narrowed to the user's tracks in
			// memory.
			Set<Integer> catalogMatches = new HashSet<>(this.jdbc.queryForList(
					"SELECT t.id FROM tracks t WHERE t.name ILIKE :q UNION SELECT t.id FROM tracks t"
							+ " JOIN albums al ON al.id = t.album_id WHERE al.name ILIKE :q UNION SELECT ta.track_id"
							+ " FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE a.name ILIKE :q",
					new MapSqlParameterSource("q", pattern), Integer.class));
			List<Integer> ids = new ArrayList<>();
			WindowCounts counts = new WindowCounts(this.jdbc, this.memory, slices, userId);
			HistoryMemory.Rows played = counts.totals(HistoryMemory.Kind.TRACK_TOTALS);
			for (int i = 0; i < played.size(); i++) {
				if (catalogMatches.contains(played.ids()[i])) {
					ids.add(played.ids()[i]);
				}
			}
			if (ids.isEmpty()) {
				return new SearchHistory(window.info(), text, 0, 0, offset, size, List.of());
			}
			String matched = matchedIds(ids);
			MapSqlParameterSource params = slices.parameters();
			Set<Integer> matches = new HashSet<>(ids);
			IntTally tracks = counts.tracks();
			long total = ids.stream().mapToLong(tracks::plays).sum();
			// Newest plays first: find the latest month from which enough matches follow,
			// so the scan of plays stays short even when matches are rare.
			Instant lower = window.start();
			int firstMonth = PlaySlices.monthIndex(YearMonth.from(window.start().atOffset(java.time.ZoneOffset.UTC)));
			int lastMonth = PlaySlices.monthIndex(YearMonth.from(window.end().atOffset(java.time.ZoneOffset.UTC)));
			// Months are read backwards a quarter at a time: usually the first holds
			// enough,
			// and an all-time search need not bring ten years of months into memory.
			long needed = (long) offset + size;
			long seen = 0;
			for (int to = lastMonth + 1; to > firstMonth && seen < needed; to -= 3) {
				List<HistoryMemory.Rows> months = counts.months(HistoryMemory.Kind.TRACKS, Math.max(firstMonth, to - 3),
						to);
				for (int m = months.size() - 1; m >= 0 && seen < needed; m--) {
					HistoryMemory.Rows month = months.get(m);
					for (int i = 0; i < month.size(); i++) {
						if (matches.contains(month.ids()[i])) {
							seen += month.plays()[i];
						}
					}
					if (seen >= needed) {
						Instant monthStart = YearMonth.of(1970, 1)
							.plusMonths(month.month())
							.atDay(1)
							.atStartOfDay()
							.toInstant(java.time.ZoneOffset.UTC);
						lower = monthStart.isAfter(lower) ? monthStart : lower;
					}
				}
			}
			List<SearchHistory.PlayRow> page = searchPage(params, matched, window, lower, offset, size);
			if (page.size() < size && lower.isAfter(window.start())) {
				page = searchPage(params, matched, window, window.start(), offset, size);
			}
			return new SearchHistory(window.info(), text, ids.size(), total, offset, size, page);
		});
	}

	/**
	 * Headline numbers of two windows and how the artists changed between them.
	 * @param userId the user
	 * @param periodA the first window
	 * @param periodB the second window
	 * @param limit size of the top and new/lost lists
	 * @return the comparison
	 */
	public PeriodComparison comparePeriods(int userId, WindowRequest periodA, WindowRequest periodB, int limit) {
		return read(() -> {
			int size = checkLimit(limit);
			UserState user = user(userId);
			return compare(new WindowCounts(this.jdbc, this.memory, slices(user, periodA), userId),
					new WindowCounts(this.jdbc, this.memory, slices(user, periodB), userId), size);
		});
	}

	private PeriodComparison compare(WindowCounts a, WindowCounts b, int size) {
		List<ArtistAggregate> artistsA = artistAggregates(a);
		List<ArtistAggregate> artistsB = artistAggregates(b);
		Set<String> keysA = artistsA.stream().map(ArtistAggregate::key).collect(Collectors.toSet());
		Set<String> keysB = artistsB.stream().map(ArtistAggregate::key).collect(Collectors.toSet());
		List<ArtistAggregate> gained = artistsB.stream().filter((x) -> !keysA.contains(x.key())).limit(size).toList();
		List<ArtistAggregate> lost = artistsA.stream().filter((x) -> !keysB.contains(x.key())).limit(size).toList();
		long shared = keysA.stream().filter(keysB::contains).count();
		PeriodSummary summaryA = summary(a, artistsA, size);
		PeriodSummary summaryB = summary(b, artistsB, size);
		List<String> keys = new ArrayList<>();
		gained.forEach((x) -> keys.add(x.key()));
		lost.forEach((x) -> keys.add(x.key()));
		Map<String, ArtistName> names = artistNames(keys);
		return new PeriodComparison(summaryA, summaryB, change(summaryA.plays(), summaryB.plays()),
				change(summaryA.minutes(), summaryB.minutes()),
				gained.stream().map((x) -> names.get(x.key()).name()).toList(),
				lost.stream().map((x) -> names.get(x.key()).name()).toList(), shared);
	}

	public Wrapped wrapped(int userId, WindowRequest request) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
			HistoryWindow window = counts.window();
			Totals totals = totals(counts);
			ArtistsAndGenres artistsAndGenres = artistsAndGenres(counts, 5);
			List<ArtistAggregate> artists = artistsAndGenres.artists();
			long[] hours = new long[24];
			Map<LocalDate, long[]> days = dailyTotalsAndHours(counts, hours);
			String busiestDay = null;
			long busiestDayPlays = 0;
			Map<YearMonth, Long> months = new TreeMap<>();
			long streak = 0;
			long longest = 0;
			LocalDate previous = null;
			for (Map.Entry<LocalDate, long[]> day : days.entrySet()) {
				if (day.getValue()[0] > busiestDayPlays) {
					busiestDayPlays = day.getValue()[0];
					busiestDay = day.getKey().toString();
				}
				months.merge(YearMonth.from(day.getKey()), day.getValue()[0], Long::sum);
				streak = (previous != null && previous.plusDays(1).equals(day.getKey())) ? streak + 1 : 1;
				longest = Math.max(longest, streak);
				previous = day.getKey();
			}
			String busiestMonth = null;
			long busiestMonthPlays = 0;
			for (Map.Entry<YearMonth, Long> month : months.entrySet()) {
				if (month.getValue() > busiestMonthPlays) {
					busiestMonthPlays = month.getValue();
					busiestMonth = month.getKey().toString();
				}
			}
			long newArtists = countFirstPlayedIn(counts, HistoryMemory.Kind.ARTIST_TOTALS);
			long newTracks = countFirstPlayedIn(counts, HistoryMemory.Kind.TRACK_TOTALS);
			return new Wrapped(window.info(), totals.plays(), minutes(totals.ms()), totals.tracks(), artists.size(),
					named(counts, artists, 5), tracks(counts, 5, 1), albums(counts, 5),
					artistsAndGenres.genres().stream().map(TasteSummary.GenreCount::genre).toList(), busiestDay,
					busiestDayPlays, busiestMonth, peak(hours), longest, newTracks, newArtists);
		});
	}

	public TasteSummary tasteSummary(int userId, WindowRequest request) {
		return read(() -> {
			WindowCounts counts = counts(userId, request);
			Totals totals = totals(counts);
			ArtistsAndGenres artistsAndGenres = artistsAndGenres(counts, 10);
			List<ArtistAggregate> artists = artistsAndGenres.artists();
			long[][] cells = heatmapCells(counts);
			long newTracks = countFirstPlayedIn(counts, HistoryMemory.Kind.TRACK_TOTALS);
			List<String> notes = new ArrayList<>();
			List<TasteSummary.GenreCount> genres = artistsAndGenres.genres();
			if (genres.isEmpty()) {
				notes.add("no genres known for these artists");
			}
			if (totals.plays() == 0) {
				notes.add("no plays in this window");
			}
			return new TasteSummary(counts.window().info(), totals.plays(), minutes(totals.ms()), totals.tracks(),
					artists.size(), named(counts, artists, 10), tracks(counts, 10, 1), genres,
					ratio(totals.plays() - totals.tracks(), totals.plays()), ratio(newTracks, totals.tracks()),
					peakWeekday(cells), peak(hourTotals(cells)), notes);
		});
	}

	// ---------------------------------------------------------------- building blocks

	/**
	 * Runs a tool's queries in one repeatable-read transaction, so the cached months'
	 * revisions, the rollups and the raw edges are read in one snapshot; planned for
	 * their actual parameters: once a prepared statement has run five times PostgreSQL
	 * may switch to a generic plan, which cannot know how many months a window spans.
	 */
	private <T> T read(java.util.function.Supplier<T> work) {
		return this.transactions.execute((status) -> {
			this.jdbc.getJdbcOperations()
				.execute(
						"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SET LOCAL plan_cache_mode = force_custom_plan");
			return work.get();
		});
	}

	private WindowCounts counts(int userId, WindowRequest request) {
		return new WindowCounts(this.jdbc, this.memory, slices(userId, request), userId);
	}

	private PlaySlices slices(int userId, WindowRequest request) {
		return slices(user(userId), request);
	}

	/**
	 * What a window needs to know of its user, read in one statement: zone, first and
	 * last play, the zone of the local-day rollup, and the revisions of the cached
	 * rollups ({@link HistoryMemory}) in this snapshot.
	 */
	private record UserState(int id, String timeZone, Instant first, Instant last, String dayZone,
			Map<Integer, Long> revisions) {

	}

	private UserState user(int userId) {
		List<UserState> rows = this.jdbc.query(
				"SELECT u.time_zone," + " (SELECT min(played_at) FROM plays WHERE user_id = u.id) AS first,"
						+ " (SELECT max(played_at) FROM plays WHERE user_id = u.id) AS last,"
						+ " (SELECT time_zone FROM play_local_day_zones WHERE user_id = u.id) AS day_zone,"
						+ " r.months, r.revisions,"
						+ " (SELECT revision FROM catalog_revisions WHERE name = 'artist_genres') AS genres_revision"
						+ " FROM users u CROSS JOIN LATERAL (SELECT coalesce(array_agg(month), '{}') AS months,"
						+ " coalesce(array_agg(revision), '{}') AS revisions FROM history_revisions"
						+ " WHERE user_id = u.id) r WHERE u.id = :u",
				new MapSqlParameterSource("u", userId), (rs, row) -> {
					Map<Integer, Long> revisions = new HashMap<>();
					Integer[] months = (Integer[]) rs.getArray("months").getArray();
					Long[] values = (Long[]) rs.getArray("revisions").getArray();
					long newest = -1;
					for (int i = 0; i < months.length; i++) {
						revisions.put(months[i], values[i]);
						newest = Math.max(newest, values[i]);
					}
					if (newest >= 0) {
						// The all-time totals change only with some month's rollups
						// (V10).
						revisions.put(HistoryMemory.TOTALS, newest);
					}
					long genres = rs.getLong("genres_revision");
					if (!rs.wasNull()) {
						revisions.put(HistoryMemory.GENRES, genres);
					}
					return new UserState(userId, rs.getString("time_zone"), instant(rs, "first"), instant(rs, "last"),
							rs.getString("day_zone"), revisions);
				});
		if (rows.isEmpty()) {
			throw new HistoryQueryException("unknown user_id " + userId);
		}
		return rows.get(0);
	}

	private PlaySlices slices(UserState user, WindowRequest request) {
		HistoryWindow window = HistoryWindow.resolve(request, user.timeZone(), this.clock.instant(), user.first());
		boolean coversAll = user.first() != null && !window.start().isAfter(user.first())
				&& window.end().isAfter(user.last());
		return new PlaySlices(user.id(), window, coversAll, user.last() == null || window.end().isAfter(user.last()),
				user.dayZone(), user.revisions());
	}

	private record Totals(long plays, long ms, long tracks, long playedOnce) {

	}

	private static Totals totals(WindowCounts counts) {
		IntTally tracks = counts.tracks();
		return new Totals(tracks.totalPlays(), tracks.totalMs(), tracks.size(), tracks.countWithPlays(1));
	}

	/**
	 * The most played tracks, ties by name. Only the candidates at or above the limit-th
	 * play count are joined with the catalog, so the cost does not grow with the number
	 * of distinct tracks in the window.
	 */
	private List<TrackCount> tracks(WindowCounts counts, int limit, int minPlays) {
		List<Tally.Entry<Integer>> candidates = counts.tracks().candidates(limit, minPlays, 1000);
		if (candidates.isEmpty()) {
			return List.of();
		}
		MapSqlParameterSource params = new MapSqlParameterSource("limit", limit)
			.addValue("ids", integers(candidates.stream().map(Tally.Entry::key).toList()))
			.addValue("plays", longs(candidates.stream().map(Tally.Entry::plays).toList()))
			.addValue("ms", longs(candidates.stream().map(Tally.Entry::ms).toList()));
		List<TrackCount> rows = this.jdbc
			.query("WITH c AS (SELECT * FROM unnest(:ids, :plays, :ms) AS c(track_id, plays, ms)),"
					+ " top AS (SELECT c.track_id, c.plays, c.ms, 0 AS rnk FROM c JOIN tracks t ON t.id = c.track_id"
					+ " ORDER BY c.plays DESC, t.name, t.id LIMIT :limit) " + TRACK_DETAILS, params,
					(rs, row) -> new TrackCount(0, rs.getString("spotify_id"), rs.getString("name"),
							rs.getString("artists"), rs.getString("album"), rs.getLong("plays"),
							minutes(rs.getLong("ms"))));
		List<TrackCount> ranked = new ArrayList<>(rows.size());
		int rank = 0;
		for (int i = 0; i < rows.size(); i++) {
			TrackCount track = rows.get(i);
			if (i == 0 || track.plays() != rows.get(i - 1).plays()) {
				rank = i + 1;
			}
			ranked.add(new TrackCount(rank, track.spotifyId(), track.name(), track.artists(), track.album(),
					track.plays(), track.minutes()));
		}
		return ranked;
	}

	private record ArtistAggregate(String key, long plays, long ms) {

	}

	private record ArtistName(String name, List<String> spotifyIds) {

	}

	/** Every artist key with plays in the window, most played first, ties by key. */
	private static List<ArtistAggregate> artistAggregates(WindowCounts counts) {
		List<ArtistAggregate> artists = new ArrayList<>(counts.artists().size());
		for (Tally.Entry<String> entry : counts.artists().entries()) {
			artists.add(new ArtistAggregate(entry.key(), entry.plays(), entry.ms()));
		}
		artists.sort(HistoryAnalytics::mostPlayedFirst);
		return artists;
	}

	private static final String[] NO_GENRES = {};

	private static int mostPlayedFirst(ArtistAggregate a, ArtistAggregate b) {
		int byPlays = Long.compare(b.plays(), a.plays());
		return (byPlays != 0) ? byPlays : a.key().compareTo(b.key());
	}

	private record ArtistsAndGenres(List<ArtistAggregate> artists, List<TasteSummary.GenreCount> genres) {

	}

	/**
	 * {@link #artistAggregates} and the most played genres: an artist key counts once per
	 * genre, whichever of its artist rows name it.
	 */
	private ArtistsAndGenres artistsAndGenres(WindowCounts counts, int genreLimit) {
		List<ArtistAggregate> artists = artistAggregates(counts);
		List<TasteSummary.GenreCount> genres = new ArrayList<>();
		Map<String, String[]> genresByKey = counts.genres();
		Tally<String> genrePlays = new Tally<>();
		for (ArtistAggregate artist : artists) {
			for (String genre : genresByKey.getOrDefault(artist.key(), NO_GENRES)) {
				genrePlays.add(genre, artist.plays(), 0);
			}
		}
		genrePlays.entries().forEach((genre) -> genres.add(new TasteSummary.GenreCount(genre.key(), genre.plays())));
		genres.sort(Comparator.comparingLong(TasteSummary.GenreCount::plays)
			.reversed()
			.thenComparing(TasteSummary.GenreCount::genre));
		return new ArtistsAndGenres(artists, genres.subList(0, Math.min(genreLimit, genres.size())));
	}

	private List<ArtistCount> named(WindowCounts counts, List<ArtistAggregate> all, int limit) {
		List<ArtistAggregate> top = all.subList(0, Math.min(limit, all.size()));
		List<String> keys = top.stream().map(ArtistAggregate::key).toList();
		Map<String, Long> tracks = new HashMap<>();
		Map<String, ArtistName> names = artistNames(keys, counts.tracks(), tracks);
		List<ArtistCount> result = new ArrayList<>();
		int rank = 0;
		long previousPlays = -1;
		for (int i = 0; i < top.size(); i++) {
			ArtistAggregate artist = top.get(i);
			if (artist.plays() != previousPlays) {
				rank = i + 1;
				previousPlays = artist.plays();
			}
			ArtistName name = names.get(artist.key());
			result.add(new ArtistCount(rank, name.name(), name.spotifyIds(), artist.plays(), minutes(artist.ms()),
					tracks.getOrDefault(artist.key(), 0L)));
		}
		return result;
	}

	/**
	 * Display names per lower-cased name: a Spotify artist's spelling wins over an
	 * export's.
	 */
	private Map<String, ArtistName> artistNames(List<String> keys) {
		return artistNames(keys, null, null);
	}

	/**
	 * {@link #artistNames(List)}, and in the same read how many different tracks of each
	 * key were played in the window (not summable from rollups, so counted for a few keys
	 * only).
	 * @param keys the artist keys
	 * @param played the window's tracks, or null
	 * @param tracks receives the tracks played per key, when {@code played} is given
	 * @return the names
	 */
	private Map<String, ArtistName> artistNames(List<String> keys, IntTally played, Map<String, Long> tracks) {
		Map<String, ArtistName> names = new HashMap<>();
		if (keys.isEmpty()) {
			return names;
		}
		Map<String, List<String>> ids = new HashMap<>();
		Map<String, Set<Integer>> trackIds = new HashMap<>();
		String trackColumn = (played != null)
				? "(SELECT array_agg(ta.track_id) FROM track_artists ta WHERE ta.artist_id = a.id)" : "NULL::integer[]";
		this.jdbc.query(
				"SELECT lower(a.name) AS k, a.name, a.spotify_id, " + trackColumn + " AS tracks FROM artists a"
						+ " WHERE lower(a.name) IN (:keys) ORDER BY (a.spotify_id LIKE 'local:%'), a.id",
				new MapSqlParameterSource("keys", new HashSet<>(keys)), (ResultSet rs) -> {
					String key = rs.getString("k");
					String spotifyId = rs.getString("spotify_id");
					names.putIfAbsent(key, new ArtistName(rs.getString("name"), new ArrayList<>()));
					if (!spotifyId.startsWith("local:")) {
						ids.computeIfAbsent(key, (k) -> new ArrayList<>()).add(spotifyId);
					}
					java.sql.Array array = rs.getArray("tracks");
					if (array != null) {
						for (Integer track : (Integer[]) array.getArray()) {
							if (played.contains(track)) {
								trackIds.computeIfAbsent(key, (k) -> new HashSet<>()).add(track);
							}
						}
					}
				});
		trackIds.forEach((key, set) -> tracks.put(key, (long) set.size()));
		names.replaceAll((key, name) -> new ArtistName(name.name(), ids.getOrDefault(key, List.of())));
		return names;
	}

	/** An album candidate with its catalog details and the tracks of it played. */
	private record AlbumRow(String name, String nameKey, long plays, long ms, long tracks, int anyTrack) {

	}

	/** Albums merged by lower-cased name and first artist. */
	private record MergedAlbum(String name, String artist, long plays, long ms, long tracks) {

		MergedAlbum plus(MergedAlbum other) {
			return new MergedAlbum(least(this.name, other.name), least(this.artist, other.artist),
					this.plays + other.plays, this.ms + other.ms, this.tracks + other.tracks);
		}

	}

	/**
	 * The most played albums. Plays come from the album counts; the tracks played (not
	 * summable) are counted for the candidates only. Albums whose name and first artist
	 * agree (lower-cased) are merged, as the same album often exists under several ids.
	 */
	private List<AlbumCount> albums(WindowCounts counts, int limit) {
		List<Tally.Entry<Integer>> candidates = counts.albums().candidates(limit * 4, 1, 1000);
		if (candidates.isEmpty()) {
			return List.of();
		}
		Map<Integer, Tally.Entry<Integer>> byId = new HashMap<>();
		candidates.forEach((album) -> byId.put(album.key(), album));
		Map<Integer, String[]> names = new HashMap<>();
		Map<Integer, long[]> played = new HashMap<>();
		IntTally tracks = counts.tracks();
		this.jdbc.query(
				"SELECT al.id, al.name, lower(al.name) AS name_key, t.id AS track_id FROM albums al"
						+ " JOIN tracks t ON t.album_id = al.id WHERE al.id = ANY (:ids)",
				new MapSqlParameterSource("ids", integers(new ArrayList<>(byId.keySet()))), (ResultSet rs) -> {
					int album = rs.getInt("id");
					names.putIfAbsent(album, new String[] { rs.getString("name"), rs.getString("name_key") });
					int track = rs.getInt("track_id");
					if (tracks.contains(track)) {
						long[] sum = played.computeIfAbsent(album, (a) -> new long[] { 0, Long.MAX_VALUE });
						sum[0]++;
						sum[1] = Math.min(sum[1], track);
					}
				});
		List<AlbumRow> rows = new ArrayList<>();
		for (Tally.Entry<Integer> album : candidates) {
			String[] name = names.get(album.key());
			if (name != null) {
				long[] sum = played.getOrDefault(album.key(), new long[] { 0, 0 });
				rows.add(new AlbumRow(name[0], name[1], album.plays(), album.ms(), sum[0], (int) sum[1]));
			}
		}
		rows.sort(Comparator.comparingLong(AlbumRow::plays).reversed().thenComparing(AlbumRow::name));
		rows = rows.subList(0, Math.min(rows.size(), limit * 4));
		rows.removeIf((row) -> row.tracks() == 0);
		Map<Integer, String[]> firstArtists = new HashMap<>();
		this.jdbc.query("SELECT x.track_id, ar.name, lower(ar.name) AS name_key FROM unnest(:tracks) AS x(track_id)"
				+ " CROSS JOIN LATERAL (SELECT a.name FROM track_artists ta JOIN artists a ON a.id = ta.artist_id"
				+ " WHERE ta.track_id = x.track_id ORDER BY ta.position LIMIT 1) ar",
				new MapSqlParameterSource("tracks", integers(rows.stream().map(AlbumRow::anyTrack).toList())),
				(ResultSet rs) -> {
					firstArtists.put(rs.getInt("track_id"),
							new String[] { rs.getString("name"), rs.getString("name_key") });
				});
		Map<List<String>, MergedAlbum> merged = new HashMap<>();
		for (AlbumRow row : rows) {
			String[] artist = firstArtists.getOrDefault(row.anyTrack(), new String[] { null, null });
			merged.merge(Arrays.asList(row.nameKey(), artist[1]),
					new MergedAlbum(row.name(), artist[0], row.plays(), row.ms(), row.tracks()), MergedAlbum::plus);
		}
		List<MergedAlbum> albums = new ArrayList<>(merged.values());
		albums.sort(Comparator.comparingLong(MergedAlbum::plays)
			.reversed()
			.thenComparing(MergedAlbum::name)
			.thenComparing(MergedAlbum::artist, Comparator.nullsLast(Comparator.naturalOrder())));
		List<AlbumCount> ranked = new ArrayList<>();
		for (int i = 0; i < albums.size() && i < limit; i++) {
			MergedAlbum album = albums.get(i);
			// Tied albums share the rank of the first of them.
			int rank = (i > 0 && album.plays() == albums.get(i - 1).plays()) ? ranked.get(i - 1).rank() : i + 1;
			ranked.add(new AlbumCount(rank, album.name(), album.artist(), album.plays(), minutes(album.ms()),
					album.tracks()));
		}
		return ranked;
	}

	private static String least(String a, String b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Plays and milliseconds per local day that has plays, in day order, and plays per
	 * local hour of day, from the hour counts (raw plays for zones with offsets that are
	 * not whole hours).
	 */
	private Map<LocalDate, long[]> dailyTotalsAndHours(WindowCounts counts, long[] hours) {
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

	private Map<LocalDate, long[]> dailyTotals(PlaySlices slices) {
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
	private Map<LocalDate, long[]> dailyTotals(PlaySlices slices, long[] hours, Map<Short, Long> sources) {
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

	private PeriodSummary summary(WindowCounts counts, List<ArtistAggregate> artists, int limit) {
		Totals totals = totals(counts);
		return new PeriodSummary(counts.window().info(), totals.plays(), minutes(totals.ms()), totals.tracks(),
				artists.size(), named(counts, artists, limit), tracks(counts, limit, 1));
	}

	private static SqlArrayValue integers(List<Integer> values) {
		return new SqlArrayValue("integer", values.toArray());
	}

	private static SqlArrayValue longs(List<Long> values) {
		return new SqlArrayValue("bigint", values.toArray());
	}

	private List<SearchHistory.PlayRow> searchPage(MapSqlParameterSource params, String matched, HistoryWindow window,
			Instant lower, int offset, int limit) {
		MapSqlParameterSource page = new MapSqlParameterSource(params.getValues())
			.addValue("lower", PlaySlices.timestamp(lower))
			.addValue("offset", offset)
			.addValue("limit", limit);
		return this.jdbc
			.query("SELECT p.played_at, coalesce(p.ms_played, t.duration_ms, 0) AS ms, t.name, al.name AS album,"
					+ " (SELECT string_agg(a.name, ', ' ORDER BY ta.position) FROM track_artists ta"
					+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists FROM"
					+ " (SELECT played_at, track_id, ms_played FROM plays WHERE user_id = :u AND played_at >= :lower"
					+ " AND played_at < :b AND track_id = " + matched + " AND " + CountedPlays.condition("plays")
					+ " ORDER BY played_at DESC, track_id LIMIT :limit OFFSET :offset) p"
					+ " JOIN tracks t ON t.id = p.track_id LEFT JOIN albums al ON al.id = t.album_id"
					+ " ORDER BY p.played_at DESC, p.track_id", page,
					(rs, row) -> new SearchHistory.PlayRow(
							rs.getObject("played_at", OffsetDateTime.class)
								.atZoneSameInstant(window.zone())
								.toLocalDateTime()
								.toString(),
							rs.getString("name"), rs.getString("artists"), rs.getString("album"),
							minutes(rs.getLong("ms"))));
	}

	private static LocalDate bucketStart(LocalDate day, String unit) {
		if ("week".equals(unit)) {
			return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		}
		return "month".equals(unit) ? day.withDayOfMonth(1) : day;
	}

	/**
	 * Matched track ids, inlined as a constant array: PostgreSQL hashes {@code = ANY}
	 * over a constant, while over a bound parameter every row walks the whole list. The
	 * ids are integers read from the database, so inlining them is safe.
	 */
	private static String matchedIds(List<Integer> ids) {
		return "ANY (" + idArray(ids) + ")";
	}

	private static String idArray(List<Integer> ids) {
		return "'" + ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")) + "'::integer[]";
	}

	private static Coverage.EmptyStretch stretch(LocalDate from, LocalDate to) {
		return new Coverage.EmptyStretch(from.toString(), to.toString(), ChronoUnit.DAYS.between(from, to) + 1);
	}

	private static Integer peak(long[] values) {
		int peak = -1;
		long best = 0;
		for (int i = 0; i < values.length; i++) {
			if (values[i] > best) {
				best = values[i];
				peak = i;
			}
		}
		return (peak < 0) ? null : peak;
	}

	private static int checkLimit(int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new HistoryQueryException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
		}
		return limit;
	}

	private static Double change(double before, double after) {
		return (before == 0) ? null : Math.round((after - before) * 1000.0 / before) / 10.0;
	}

	static double ratio(long part, long whole) {
		return (whole == 0) ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
	}

	static double minutes(long ms) {
		return Math.round(ms / 6000.0) / 10.0;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static String iso(ResultSet rs, String column) throws SQLException {
		Instant value = instant(rs, column);
		return (value != null) ? value.toString() : null;
	}

}
