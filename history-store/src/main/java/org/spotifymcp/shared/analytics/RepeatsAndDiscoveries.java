package org.spotifymcp.shared.analytics;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.spotifymcp.shared.analytics.Figures.integers;
import static org.spotifymcp.shared.analytics.Figures.longs;
import static org.spotifymcp.shared.analytics.Figures.checkLimit;
import static org.spotifymcp.shared.analytics.Figures.ratio;
import static org.spotifymcp.shared.analytics.Figures.minutes;
import static org.spotifymcp.shared.analytics.Figures.iso;
import static org.spotifymcp.shared.analytics.Figures.micros;

/** Repeats, skipped listens and first-ever plays of a window. */
final class RepeatsAndDiscoveries {

	private final NamedParameterJdbcTemplate jdbc;

	private final WindowReader reader;

	private final TopItems top;

	RepeatsAndDiscoveries(NamedParameterJdbcTemplate jdbc, WindowReader reader, TopItems top) {
		this.jdbc = jdbc;
		this.reader = reader;
		this.top = top;
	}

	public RepeatRate repeatRate(int userId, WindowRequest request, int limit) {
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
			TopItems.Totals totals = TopItems.totals(counts);
			List<TrackCount> repeated = this.top.tracks(counts, checkLimit(limit), 2);
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
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
			int size = checkLimit(limit);
			IntTally skips = counts.skips();
			IntTally plays = counts.tracks();
			long skipped = skips.totalPlays();
			long played = plays.totalPlays();
			// the most skipped tracks, ties included, are joined with the catalog
			List<Tally.Entry<Integer>> top = skips.candidates(size, 1, 1000);
			List<SkipRates.Skipped> tracks = new ArrayList<>();
			if (!top.isEmpty()) {
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
			List<Tally.Entry<String>> keys = new ArrayList<>(counts.artistSkips().entries());
			keys.sort(Comparator.comparingLong(Tally.Entry<String>::plays).reversed().thenComparing(Tally.Entry::key));
			keys = keys.subList(0, Math.min(size, keys.size()));
			Map<String, TopItems.ArtistName> artistNames = this.top
				.artistNames(keys.stream().map(Tally.Entry::key).toList());
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

	public Discoveries discoveries(int userId, WindowRequest request, int limit) {
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
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
			Map<String, TopItems.ArtistName> names = this.top
				.artistNames(artists.stream().map(Tally.Entry::key).toList());
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
	static IntTally newTracks(WindowCounts counts) {
		HistoryMemory.Rows rows = counts.totals(HistoryMemory.Kind.TRACK_TOTALS);
		IntTally found = new IntTally();
		forEachFirstPlayedIn(counts, rows, (i) -> found.add(rows.ids()[i], rows.plays()[i], rows.ms()[i]));
		return found;
	}

	/**
	 * The all-time totals (plays so far) of the artist keys first played in the window.
	 */
	static Tally<String> newArtists(WindowCounts counts) {
		HistoryMemory.Rows rows = counts.totals(HistoryMemory.Kind.ARTIST_TOTALS);
		Tally<String> found = new Tally<>();
		forEachFirstPlayedIn(counts, rows, (i) -> found.add(rows.texts()[i], rows.plays()[i], rows.ms()[i]));
		return found;
	}

	/** How many tracks or artist keys were first played in the window. */
	static long countFirstPlayedIn(WindowCounts counts, HistoryMemory.Kind totals) {
		long[] count = new long[1];
		forEachFirstPlayedIn(counts, counts.totals(totals), (i) -> count[0]++);
		return count[0];
	}

	static void forEachFirstPlayedIn(WindowCounts counts, HistoryMemory.Rows rows, java.util.function.IntConsumer row) {
		long from = micros(counts.window().start());
		long to = micros(counts.window().end());
		for (int i = 0; i < rows.size(); i++) {
			if (rows.first()[i] >= from && rows.first()[i] < to) {
				row.accept(i);
			}
		}
	}

}
