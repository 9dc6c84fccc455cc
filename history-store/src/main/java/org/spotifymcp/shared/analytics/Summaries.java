package org.spotifymcp.shared.analytics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.spotifymcp.shared.analytics.Figures.peak;
import static org.spotifymcp.shared.analytics.Figures.checkLimit;
import static org.spotifymcp.shared.analytics.Figures.change;
import static org.spotifymcp.shared.analytics.Figures.ratio;
import static org.spotifymcp.shared.analytics.Figures.minutes;

/** Summaries of a window (wrapped, taste) and comparisons of two windows. */
final class Summaries {

	private final WindowReader reader;

	private final TopItems top;

	private final ListeningHabits habits;

	Summaries(WindowReader reader, TopItems top, ListeningHabits habits) {
		this.reader = reader;
		this.top = top;
		this.habits = habits;
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
		return this.reader.read(() -> {
			int size = checkLimit(limit);
			WindowReader.UserState user = this.reader.user(userId);
			return compare(this.reader.counts(this.reader.slices(user, periodA)),
					this.reader.counts(this.reader.slices(user, periodB)), size);
		});
	}

	PeriodComparison compare(WindowCounts a, WindowCounts b, int size) {
		List<TopItems.ArtistAggregate> artistsA = TopItems.artistAggregates(a);
		List<TopItems.ArtistAggregate> artistsB = TopItems.artistAggregates(b);
		Set<String> keysA = artistsA.stream().map(TopItems.ArtistAggregate::key).collect(Collectors.toSet());
		Set<String> keysB = artistsB.stream().map(TopItems.ArtistAggregate::key).collect(Collectors.toSet());
		List<TopItems.ArtistAggregate> gained = artistsB.stream()
			.filter((x) -> !keysA.contains(x.key()))
			.limit(size)
			.toList();
		List<TopItems.ArtistAggregate> lost = artistsA.stream()
			.filter((x) -> !keysB.contains(x.key()))
			.limit(size)
			.toList();
		long shared = keysA.stream().filter(keysB::contains).count();
		PeriodSummary summaryA = summary(a, artistsA, size);
		PeriodSummary summaryB = summary(b, artistsB, size);
		List<String> keys = new ArrayList<>();
		gained.forEach((x) -> keys.add(x.key()));
		lost.forEach((x) -> keys.add(x.key()));
		Map<String, TopItems.ArtistName> names = this.top.artistNames(keys);
		return new PeriodComparison(summaryA, summaryB, change(summaryA.plays(), summaryB.plays()),
				change(summaryA.minutes(), summaryB.minutes()),
				gained.stream().map((x) -> names.get(x.key()).name()).toList(),
				lost.stream().map((x) -> names.get(x.key()).name()).toList(), shared);
	}

	public Wrapped wrapped(int userId, WindowRequest request) {
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
			HistoryWindow window = counts.window();
			TopItems.Totals totals = TopItems.totals(counts);
			TopItems.ArtistsAndGenres artistsAndGenres = this.top.artistsAndGenres(counts, 5);
			List<TopItems.ArtistAggregate> artists = artistsAndGenres.artists();
			long[] hours = new long[24];
			Map<LocalDate, long[]> days = this.habits.dailyTotalsAndHours(counts, hours);
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
			long newArtists = RepeatsAndDiscoveries.countFirstPlayedIn(counts, HistoryMemory.Kind.ARTIST_TOTALS);
			long newTracks = RepeatsAndDiscoveries.countFirstPlayedIn(counts, HistoryMemory.Kind.TRACK_TOTALS);
			return new Wrapped(window.info(), totals.plays(), minutes(totals.ms()), totals.tracks(), artists.size(),
					this.top.named(counts, artists, 5), this.top.tracks(counts, 5, 1), this.top.albums(counts, 5),
					artistsAndGenres.genres().stream().map(TasteSummary.GenreCount::genre).toList(),
					artistsAndGenres.genresAvailable(), artistsAndGenres.genresNote(), busiestDay, busiestDayPlays,
					busiestMonth, peak(hours), longest, newTracks, newArtists);
		});
	}

	public TasteSummary tasteSummary(int userId, WindowRequest request) {
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
			TopItems.Totals totals = TopItems.totals(counts);
			TopItems.ArtistsAndGenres artistsAndGenres = this.top.artistsAndGenres(counts, 10);
			List<TopItems.ArtistAggregate> artists = artistsAndGenres.artists();
			long[][] cells = this.habits.heatmapCells(counts);
			long newTracks = RepeatsAndDiscoveries.countFirstPlayedIn(counts, HistoryMemory.Kind.TRACK_TOTALS);
			List<String> notes = new ArrayList<>();
			List<TasteSummary.GenreCount> genres = artistsAndGenres.genres();
			if (!artistsAndGenres.genresAvailable()) {
				notes.add(artistsAndGenres.genresNote());
			}
			if (totals.plays() == 0) {
				notes.add("no plays in this window");
			}
			return new TasteSummary(counts.window().info(), totals.plays(), minutes(totals.ms()), totals.tracks(),
					artists.size(), this.top.named(counts, artists, 10), this.top.tracks(counts, 10, 1), genres,
					artistsAndGenres.genresAvailable(), artistsAndGenres.genresNote(),
					ratio(totals.plays() - totals.tracks(), totals.plays()), ratio(newTracks, totals.tracks()),
					ListeningHabits.peakWeekday(cells), peak(ListeningHabits.hourTotals(cells)), notes);
		});
	}

	PeriodSummary summary(WindowCounts counts, List<TopItems.ArtistAggregate> artists, int limit) {
		TopItems.Totals totals = TopItems.totals(counts);
		return new PeriodSummary(counts.window().info(), totals.plays(), minutes(totals.ms()), totals.tracks(),
				artists.size(), this.top.named(counts, artists, limit), this.top.tracks(counts, limit, 1));
	}

}
