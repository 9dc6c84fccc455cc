package org.spotifymcp.shared.analytics;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.spotifymcp.shared.analytics.Figures.integers;
import static org.spotifymcp.shared.analytics.Figures.longs;
import static org.spotifymcp.shared.analytics.Figures.checkLimit;
import static org.spotifymcp.shared.analytics.Figures.minutes;

/**
 * The most played tracks, artists and albums of a window, and the catalog names they
 * need; the other tool families build on them.
 */
final class TopItems {

	private final NamedParameterJdbcTemplate jdbc;

	private final WindowReader reader;

	TopItems(NamedParameterJdbcTemplate jdbc, WindowReader reader) {
		this.jdbc = jdbc;
		this.reader = reader;
	}

	static String trackDetails(TopOrder order) {
		return "SELECT top.rnk, t.spotify_id, t.name, top.plays, top.ms, al.name AS album,"
				+ " (SELECT string_agg(a.name, ', ' ORDER BY ta.position) FROM track_artists ta"
				+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists"
				+ " FROM top JOIN tracks t ON t.id = top.track_id LEFT JOIN albums al ON al.id = t.album_id"
				+ " ORDER BY top." + column(order) + " DESC, t.name, t.id";
	}

	private static String column(TopOrder order) {
		return (order == TopOrder.TIME) ? "ms" : "plays";
	}

	public TopTracks topTracks(int userId, WindowRequest request, int limit, TopOrder order) {
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
			int size = checkLimit(limit);
			return new TopTracks(counts.window().info(), counts.tracks().totalPlays(), tracks(counts, size, 1, order));
		});
	}

	public TopArtists topArtists(int userId, WindowRequest request, int limit, TopOrder order) {
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
			int size = checkLimit(limit);
			List<ArtistAggregate> all = artistAggregates(counts, order);
			return new TopArtists(counts.window().info(), counts.tracks().totalPlays(),
					named(counts, all, size, order));
		});
	}

	public TopAlbums topAlbums(int userId, WindowRequest request, int limit, TopOrder order) {
		return this.reader.read(() -> {
			WindowCounts counts = this.reader.counts(userId, request);
			int size = checkLimit(limit);
			return new TopAlbums(counts.window().info(), counts.tracks().totalPlays(), albums(counts, size, order));
		});
	}

	record Totals(long plays, long ms, long tracks, long playedOnce) {

	}

	static Totals totals(WindowCounts counts) {
		IntTally tracks = counts.tracks();
		return new Totals(tracks.totalPlays(), tracks.totalMs(), tracks.size(), tracks.countWithPlays(1));
	}

	/**
	 * The most played tracks, ties by name. Only the candidates at or above the limit-th
	 * play count are joined with the catalog, so the cost does not grow with the number
	 * of distinct tracks in the window.
	 */
	List<TrackCount> tracks(WindowCounts counts, int limit, int minPlays) {
		return tracks(counts, limit, minPlays, TopOrder.PLAYS);
	}

	/**
	 * The tracks with the most plays or listening time; ties share a rank and are ordered
	 * by name.
	 */
	List<TrackCount> tracks(WindowCounts counts, int limit, int minPlays, TopOrder order) {
		List<Tally.Entry<Integer>> candidates = counts.tracks().candidates(limit, minPlays, 1000, order);
		if (candidates.isEmpty()) {
			return List.of();
		}
		MapSqlParameterSource params = new MapSqlParameterSource("limit", limit)
			.addValue("ids", integers(candidates.stream().map(Tally.Entry::key).toList()))
			.addValue("plays", longs(candidates.stream().map(Tally.Entry::plays).toList()))
			.addValue("ms", longs(candidates.stream().map(Tally.Entry::ms).toList()));
		List<Object[]> rows = this.jdbc
			.query("WITH c AS (SELECT * FROM unnest(:ids, :plays, :ms) AS c(track_id, plays, ms)),"
					+ " top AS (SELECT c.track_id, c.plays, c.ms, 0 AS rnk FROM c JOIN tracks t ON t.id = c.track_id"
					+ " ORDER BY c." + column(order) + " DESC, t.name, t.id LIMIT :limit) " + trackDetails(order),
					params,
					(rs, row) -> new Object[] {
							new TrackCount(0, rs.getString("spotify_id"), rs.getString("name"), rs.getString("artists"),
									rs.getString("album"), rs.getLong("plays"), minutes(rs.getLong("ms"))),
							rs.getLong(column(order)) });
		List<TrackCount> ranked = new ArrayList<>(rows.size());
		int rank = 0;
		for (int i = 0; i < rows.size(); i++) {
			TrackCount track = (TrackCount) rows.get(i)[0];
			if (i == 0 || (long) rows.get(i)[1] != (long) rows.get(i - 1)[1]) {
				rank = i + 1;
			}
			ranked.add(new TrackCount(rank, track.spotifyId(), track.name(), track.artists(), track.album(),
					track.plays(), track.minutes()));
		}
		return ranked;
	}

	record ArtistAggregate(String key, long plays, long ms) {

	}

	record ArtistName(String name, List<String> spotifyIds) {

	}

	/** Every artist key with plays in the window, most played first, ties by key. */
	static List<ArtistAggregate> artistAggregates(WindowCounts counts) {
		return artistAggregates(counts, TopOrder.PLAYS);
	}

	/** Every artist key with plays in the window, first by the order, ties by key. */
	static List<ArtistAggregate> artistAggregates(WindowCounts counts, TopOrder order) {
		List<ArtistAggregate> artists = new ArrayList<>(counts.artists().size());
		for (Tally.Entry<String> entry : counts.artists().entries()) {
			artists.add(new ArtistAggregate(entry.key(), entry.plays(), entry.ms()));
		}
		artists.sort((order == TopOrder.TIME) ? TopItems::longestFirst : TopItems::mostPlayedFirst);
		return artists;
	}

	static int longestFirst(ArtistAggregate a, ArtistAggregate b) {
		int byTime = Long.compare(b.ms(), a.ms());
		return (byTime != 0) ? byTime : a.key().compareTo(b.key());
	}

	static final String[] NO_GENRES = {};

	static int mostPlayedFirst(ArtistAggregate a, ArtistAggregate b) {
		int byPlays = Long.compare(b.plays(), a.plays());
		return (byPlays != 0) ? byPlays : a.key().compareTo(b.key());
	}

	/**
	 * Said instead of an empty genre list when Spotify gave none of the artists genres.
	 */
	static final String GENRES_NONE_FROM_SPOTIFY = "genres unavailable: Spotify returned no genres for these artists";

	/** Said instead of an empty genre list while some artists were never looked up. */
	static final String GENRES_NOT_LOOKED_UP = "genres unavailable: not yet looked up on Spotify for these artists"
			+ " (the collector fills them over time)";

	/**
	 * The artists of a window and their genres.
	 *
	 * @param artists every artist key with plays, most played first
	 * @param genres the most played genres
	 * @param genresNote why no genres are listed although artists were played, or
	 * {@code null} when genres are listed (or nothing was played)
	 */
	record ArtistsAndGenres(List<ArtistAggregate> artists, List<TasteSummary.GenreCount> genres, String genresNote) {

		boolean genresAvailable() {
			return this.genresNote == null;
		}

	}

	/**
	 * {@link #artistAggregates} and the most played genres: an artist key counts once per
	 * genre, whichever of its artist rows name it.
	 */
	ArtistsAndGenres artistsAndGenres(WindowCounts counts, int genreLimit) {
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
		String note = null;
		if (genres.isEmpty() && !artists.isEmpty()) {
			boolean allLookedUp = artists.stream().allMatch((artist) -> genresByKey.containsKey(artist.key()));
			note = allLookedUp ? GENRES_NONE_FROM_SPOTIFY : GENRES_NOT_LOOKED_UP;
		}
		return new ArtistsAndGenres(artists, genres.subList(0, Math.min(genreLimit, genres.size())), note);
	}

	List<ArtistCount> named(WindowCounts counts, List<ArtistAggregate> all, int limit) {
		return named(counts, all, limit, TopOrder.PLAYS);
	}

	/**
	 * The first artists of a ranked list with their names; ties (by the order) share a
	 * rank.
	 */
	List<ArtistCount> named(WindowCounts counts, List<ArtistAggregate> all, int limit, TopOrder order) {
		List<ArtistAggregate> top = all.subList(0, Math.min(limit, all.size()));
		List<String> keys = top.stream().map(ArtistAggregate::key).toList();
		Map<String, Long> tracks = new HashMap<>();
		Map<String, ArtistName> names = artistNames(keys, counts.tracks(), tracks);
		List<ArtistCount> result = new ArrayList<>();
		int rank = 0;
		long previous = -1;
		for (int i = 0; i < top.size(); i++) {
			ArtistAggregate artist = top.get(i);
			long value = (order == TopOrder.TIME) ? artist.ms() : artist.plays();
			if (value != previous) {
				rank = i + 1;
				previous = value;
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
	Map<String, ArtistName> artistNames(List<String> keys) {
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
	Map<String, ArtistName> artistNames(List<String> keys, IntTally played, Map<String, Long> tracks) {
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
	record AlbumRow(String name, String nameKey, String spotifyId, long plays, long ms, long tracks, int anyTrack) {

		long value(TopOrder order) {
			return (order == TopOrder.TIME) ? this.ms : this.plays;
		}

	}

	/** Albums merged by lower-cased name and first artist. */
	record MergedAlbum(String name, String spotifyId, long leadPlays, String artist, long plays, long ms, long tracks) {

		/** Both albums as one; the id is the most played one's, which pages link to. */
		MergedAlbum plus(MergedAlbum other) {
			boolean otherLeads = other.leadPlays > this.leadPlays
					|| (other.leadPlays == this.leadPlays && other.spotifyId.compareTo(this.spotifyId) < 0);
			return new MergedAlbum(least(this.name, other.name), otherLeads ? other.spotifyId : this.spotifyId,
					Math.max(this.leadPlays, other.leadPlays), least(this.artist, other.artist),
					this.plays + other.plays, this.ms + other.ms, this.tracks + other.tracks);
		}

		long value(TopOrder order) {
			return (order == TopOrder.TIME) ? this.ms : this.plays;
		}

	}

	/**
	 * The most played albums. Plays come from the album counts; the tracks played (not
	 * summable) are counted for the candidates only. Albums whose name and first artist
	 * agree (lower-cased) are merged, as the same album often exists under several ids.
	 */
	List<AlbumCount> albums(WindowCounts counts, int limit) {
		return albums(counts, limit, TopOrder.PLAYS);
	}

	/** {@link #albums(WindowCounts, int)} ranked by plays or by listening time. */
	List<AlbumCount> albums(WindowCounts counts, int limit, TopOrder order) {
		List<Tally.Entry<Integer>> candidates = counts.albums().candidates(limit * 4, 1, 1000, order);
		if (candidates.isEmpty()) {
			return List.of();
		}
		Map<Integer, Tally.Entry<Integer>> byId = new HashMap<>();
		candidates.forEach((album) -> byId.put(album.key(), album));
		Map<Integer, String[]> names = new HashMap<>();
		Map<Integer, long[]> played = new HashMap<>();
		IntTally tracks = counts.tracks();
		this.jdbc.query(
				"SELECT al.id, al.name, lower(al.name) AS name_key, al.spotify_id, t.id AS track_id FROM albums al"
						+ " JOIN tracks t ON t.album_id = al.id WHERE al.id = ANY (:ids)",
				new MapSqlParameterSource("ids", integers(new ArrayList<>(byId.keySet()))), (ResultSet rs) -> {
					int album = rs.getInt("id");
					names.putIfAbsent(album, new String[] { rs.getString("name"), rs.getString("name_key"),
							rs.getString("spotify_id") });
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
				rows.add(new AlbumRow(name[0], name[1], name[2], album.plays(), album.ms(), sum[0], (int) sum[1]));
			}
		}
		rows.sort(
				Comparator.comparingLong((AlbumRow row) -> row.value(order)).reversed().thenComparing(AlbumRow::name));
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
			merged.merge(Arrays.asList(row.nameKey(), artist[1]), new MergedAlbum(row.name(), row.spotifyId(),
					row.plays(), artist[0], row.plays(), row.ms(), row.tracks()), MergedAlbum::plus);
		}
		List<MergedAlbum> albums = new ArrayList<>(merged.values());
		albums.sort(Comparator.comparingLong((MergedAlbum album) -> album.value(order))
			.reversed()
			.thenComparing(MergedAlbum::name)
			.thenComparing(MergedAlbum::artist, Comparator.nullsLast(Comparator.naturalOrder())));
		List<AlbumCount> ranked = new ArrayList<>();
		for (int i = 0; i < albums.size() && i < limit; i++) {
			MergedAlbum album = albums.get(i);
			// Tied albums share the rank of the first of them.
			int rank = (i > 0 && album.value(order) == albums.get(i - 1).value(order)) ? ranked.get(i - 1).rank()
					: i + 1;
			ranked.add(new AlbumCount(rank, album.spotifyId(), album.name(), album.artist(), album.plays(),
					minutes(album.ms()), album.tracks()));
		}
		return ranked;
	}

	static String least(String a, String b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
