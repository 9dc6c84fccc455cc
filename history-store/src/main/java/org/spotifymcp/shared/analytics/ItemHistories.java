package org.spotifymcp.shared.analytics;

import java.sql.ResultSet;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.spotifymcp.shared.rollups.CountedPlays;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.spotifymcp.shared.analytics.Figures.instant;
import static org.spotifymcp.shared.analytics.Figures.integers;
import static org.spotifymcp.shared.analytics.Figures.longs;
import static org.spotifymcp.shared.analytics.Figures.minutes;

/**
 * One track, album or artist over the listener's whole history, read from the rollups by
 * key: the per-track totals, and the month rollups probed month by month between a
 * track's first and last play (the rollups are keyed by user and month first, so a track
 * is found without reading the user's other tracks). Months are the listener's: the UTC
 * months of the rollups are corrected with the raw plays between each UTC and local month
 * start.
 */
final class ItemHistories {

	static final int ARTIST_TRACKS = 10;

	static final int ALBUM_TRACKS = 200;

	private static final String ARTISTS_OF_TRACK = "(SELECT string_agg(a.name, ', ' ORDER BY ta.position)"
			+ " FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id)";

	private final NamedParameterJdbcTemplate jdbc;

	private final WindowReader reader;

	ItemHistories(NamedParameterJdbcTemplate jdbc, WindowReader reader) {
		this.jdbc = jdbc;
		this.reader = reader;
	}

	/** What a page heads with, and the catalog tracks whose plays it sums. */
	private record Subject(String name, List<String> artists, ItemHistory.AlbumRef album, String imageUrl,
			List<Integer> tracks, String artistName) {

		Subject(String name, List<String> artists, ItemHistory.AlbumRef album, String imageUrl, List<Integer> tracks) {
			this(name, artists, album, imageUrl, tracks, null);
		}

	}

	Optional<ItemHistory> track(int userId, String spotifyId) {
		return this.reader.read(() -> {
			WindowReader.UserState user = this.reader.user(userId);
			List<Subject> found = this.jdbc.query(
					"SELECT t.id, t.name, al.spotify_id AS album_id, al.name AS album, al.image_url,"
							+ " ARRAY(SELECT a.name FROM track_artists ta JOIN artists a ON a.id = ta.artist_id"
							+ " WHERE ta.track_id = t.id ORDER BY ta.position) AS artists FROM tracks t"
							+ " LEFT JOIN albums al ON al.id = t.album_id WHERE t.spotify_id = :id",
					new MapSqlParameterSource("id", spotifyId),
					(rs, row) -> new Subject(rs.getString("name"),
							List.of((String[]) rs.getArray("artists").getArray()),
							(rs.getString("album_id") != null)
									? new ItemHistory.AlbumRef(rs.getString("album_id"), rs.getString("album")) : null,
							rs.getString("image_url"), List.of(rs.getInt("id"))));
			return found.stream()
				.findFirst()
				.flatMap((subject) -> history(user, subject, trackSkips(user, subject.tracks()), 0));
		});
	}

	Optional<ItemHistory> album(int userId, String spotifyId) {
		return this.reader.read(() -> {
			WindowReader.UserState user = this.reader.user(userId);
			// The album and the listener's albums of the same name; those whose first
			// artist agrees are one album, as in the top lists.
			List<String[]> albums = this.jdbc.query("WITH base AS (SELECT id, name FROM albums WHERE spotify_id = :id),"
					+ " cand AS (SELECT al.id, al.name, al.spotify_id, al.image_url FROM user_album_totals u"
					+ " JOIN albums al ON al.id = u.album_id WHERE u.user_id = :u"
					+ " AND lower(al.name) = (SELECT lower(name) FROM base)"
					+ " UNION SELECT al.id, al.name, al.spotify_id, al.image_url FROM albums al JOIN base ON base.id = al.id)"
					+ " SELECT c.id, c.name, c.spotify_id, c.image_url, fa.name AS artist FROM cand c"
					+ " LEFT JOIN LATERAL (SELECT a.name FROM tracks t JOIN track_artists ta ON ta.track_id = t.id"
					+ " JOIN artists a ON a.id = ta.artist_id WHERE t.album_id = c.id ORDER BY t.id, ta.position"
					+ " LIMIT 1) fa ON true ORDER BY c.id",
					new MapSqlParameterSource("id", spotifyId).addValue("u", userId),
					(rs, row) -> new String[] { rs.getString("id"), rs.getString("name"), rs.getString("spotify_id"),
							rs.getString("image_url"), rs.getString("artist") });
			String[] base = albums.stream().filter((row) -> row[2].equals(spotifyId)).findFirst().orElse(null);
			if (base == null) {
				return Optional.<ItemHistory>empty();
			}
			String artistKey = lower(base[4]);
			List<Integer> ids = new ArrayList<>();
			String image = base[3];
			for (String[] row : albums) {
				if (Objects.equals(lower(row[4]), artistKey)) {
					ids.add(Integer.valueOf(row[0]));
					image = (image != null) ? image : row[3];
				}
			}
			List<Integer> tracks = this.jdbc.queryForList("SELECT id FROM tracks WHERE album_id = ANY (:albums)",
					new MapSqlParameterSource("albums", integers(ids)), Integer.class);
			Subject subject = new Subject(base[1], (base[4] != null) ? List.of(base[4]) : List.of(), null, image,
					tracks);
			return history(user, subject, trackSkips(user, tracks), ALBUM_TRACKS);
		});
	}

	Optional<ItemHistory> artist(int userId, String name) {
		return this.reader.read(() -> {
			WindowReader.UserState user = this.reader.user(userId);
			MapSqlParameterSource params = new MapSqlParameterSource("name", name);
			List<String[]> artists = this.jdbc.query(
					"SELECT a.id, a.name, a.image_url FROM artists a WHERE lower(a.name) = lower(:name)"
							+ " ORDER BY (a.spotify_id LIKE 'local:%'), a.id",
					params,
					(rs, row) -> new String[] { rs.getString("id"), rs.getString("name"), rs.getString("image_url") });
			if (artists.isEmpty()) {
				return Optional.<ItemHistory>empty();
			}
			String image = artists.stream().map((row) -> row[2]).filter(Objects::nonNull).findFirst().orElse(null);
			List<Integer> tracks = this.jdbc
				.queryForList("SELECT DISTINCT track_id FROM track_artists WHERE artist_id = ANY (:artists)",
						new MapSqlParameterSource("artists",
								integers(artists.stream().map((row) -> Integer.valueOf(row[0])).toList())),
						Integer.class);
			Subject subject = new Subject(artists.get(0)[1], List.of(), null, image, tracks, name);
			return history(user, subject, artistSkips(user, name), ARTIST_TRACKS);
		});
	}

	private Optional<ItemHistory> history(WindowReader.UserState user, Subject subject, long skips, int trackLimit) {
		MapSqlParameterSource params = new MapSqlParameterSource("u", user.id()).addValue("t",
				integers(subject.tracks()));
		Map<String, Object> totals = this.jdbc.queryForMap("SELECT coalesce(sum(plays), 0) AS plays,"
				+ " coalesce(sum(ms_played), 0) AS ms, min(first_played_at) AS first, max(last_played_at) AS last"
				+ " FROM user_track_totals WHERE user_id = :u AND track_id = ANY (:t)", params);
		long plays = ((Number) totals.get("plays")).longValue();
		if (plays == 0 && skips == 0) {
			return Optional.empty();
		}
		Instant first = toInstant(totals.get("first"));
		Instant last = toInstant(totals.get("last"));
		ZoneId zone = zone(user.timeZone());
		List<ItemHistory.Month> months = (plays > 0) ? months(user.id(), subject, first, last, zone) : List.of();
		List<ItemHistory.Track> tracks = (trackLimit > 0) ? tracks(params, trackLimit) : List.of();
		return Optional.of(new ItemHistory(subject.name(), subject.artists(), subject.album(), subject.imageUrl(),
				plays, minutes(((Number) totals.get("ms")).longValue()), skips, first, last, zone.getId(), months,
				tracks));
	}

	/**
	 * Plays per month of the zone: the UTC months of each track between its first and
	 * last play (of an artist, its months between them), then the plays between a UTC and
	 * a local month start moved to their local month.
	 */
	private List<ItemHistory.Month> months(int userId, Subject subject, Instant first, Instant last, ZoneId zone) {
		TreeMap<Integer, long[]> byMonth = new TreeMap<>();
		MapSqlParameterSource params = span(userId, first, last).addValue("t", integers(subject.tracks()))
			.addValue("k", subject.artistName());
		// An artist may have thousands of tracks: its own month rollup, one probe a
		// month.
		String utcMonths = (subject.artistName() != null)
				? "SELECT m.month, m.plays, m.ms_played AS ms FROM generate_series(:m1, :m2) AS g(month)"
						+ " JOIN play_month_artists m ON m.user_id = :u AND m.month = g.month"
						+ " AND m.artist_key = lower(:k)"
				: "SELECT m.month, sum(m.plays) AS plays, sum(m.ms_played) AS ms FROM user_track_totals u"
						+ " CROSS JOIN LATERAL generate_series(rollup_utc_month(u.first_played_at),"
						+ " rollup_utc_month(u.last_played_at)) AS g(month) JOIN play_month_tracks m"
						+ " ON m.user_id = u.user_id AND m.month = g.month AND m.track_id = u.track_id"
						+ " WHERE u.user_id = :u AND u.track_id = ANY (:t) GROUP BY m.month";
		this.jdbc.query(utcMonths, params, (ResultSet rs) -> {
			byMonth.put(rs.getInt("month"), new long[] { rs.getLong("plays"), rs.getLong("ms") });
		});
		List<Long> froms = new ArrayList<>();
		List<Long> tos = new ArrayList<>();
		YearMonth lastMonth = YearMonth.from(last.atOffset(ZoneOffset.UTC)).plusMonths(1);
		for (YearMonth month = YearMonth.from(first.atOffset(ZoneOffset.UTC)); !month.isAfter(lastMonth); month = month
			.plusMonths(1)) {
			long utcStart = month.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
			long localStart = month.atDay(1).atStartOfDay(zone).toEpochSecond();
			if (utcStart != localStart) {
				froms.add(Math.min(utcStart, localStart));
				tos.add(Math.max(utcStart, localStart));
			}
		}
		if (!froms.isEmpty()) {
			params.addValue("froms", longs(froms)).addValue("tos", longs(tos));
			this.jdbc.query("SELECT p.played_at, coalesce(p.ms_played, t.duration_ms, 0) AS ms"
					+ " FROM unnest(:froms, :tos) AS r(a, b) JOIN plays p ON p.user_id = :u"
					+ " AND p.played_at >= to_timestamp(r.a) AND p.played_at < to_timestamp(r.b)"
					+ " LEFT JOIN tracks t ON t.id = p.track_id WHERE p.track_id = ANY (:t) AND "
					+ CountedPlays.condition("p"), params, (ResultSet rs) -> {
						Instant at = instant(rs, "played_at");
						int utc = PlaySlices.monthIndex(YearMonth.from(at.atOffset(ZoneOffset.UTC)));
						int local = PlaySlices.monthIndex(YearMonth.from(at.atZone(zone)));
						if (utc != local) {
							long ms = rs.getLong("ms");
							add(byMonth, utc, -1, -ms);
							add(byMonth, local, 1, ms);
						}
					});
		}
		byMonth.values().removeIf((sum) -> sum[0] <= 0);
		List<ItemHistory.Month> months = new ArrayList<>();
		if (byMonth.isEmpty()) {
			return months;
		}
		for (int month = byMonth.firstKey(); month <= byMonth.lastKey(); month++) {
			long[] sum = byMonth.getOrDefault(month, new long[2]);
			months.add(new ItemHistory.Month(YearMonth.of(1970 + month / 12, month % 12 + 1).toString(), sum[0],
					minutes(sum[1])));
		}
		return months;
	}

	private static void add(Map<Integer, long[]> byMonth, int month, long plays, long ms) {
		long[] sum = byMonth.computeIfAbsent(month, (m) -> new long[2]);
		sum[0] += plays;
		sum[1] += ms;
	}

	private List<ItemHistory.Track> tracks(MapSqlParameterSource params, int limit) {
		params.addValue("limit", limit);
		return this.jdbc.query("SELECT t.spotify_id, t.name, " + ARTISTS_OF_TRACK + " AS artists, u.plays,"
				+ " u.ms_played, u.last_played_at FROM user_track_totals u JOIN tracks t ON t.id = u.track_id"
				+ " WHERE u.user_id = :u AND u.track_id = ANY (:t) ORDER BY u.plays DESC, t.name, t.id LIMIT :limit",
				params,
				(rs, row) -> new ItemHistory.Track(rs.getString("spotify_id"), rs.getString("name"),
						rs.getString("artists"), rs.getLong("plays"), minutes(rs.getLong("ms_played")),
						instant(rs, "last_played_at")));
	}

	/**
	 * Skipped listens of some tracks: one probe per month of the listener's history and
	 * track (a skipped track may never have counted, so its totals do not bound it).
	 */
	private long trackSkips(WindowReader.UserState user, List<Integer> trackIds) {
		if (user.first() == null || trackIds.isEmpty()) {
			return 0;
		}
		return this.jdbc.queryForObject(
				"SELECT coalesce(sum(s.skips), 0) FROM generate_series(:m1, :m2) AS g(month)"
						+ " CROSS JOIN unnest(:t) AS x(track_id) JOIN play_month_skips s ON s.user_id = :u"
						+ " AND s.month = g.month AND s.track_id = x.track_id",
				span(user).addValue("t", integers(trackIds)), Long.class);
	}

	private long artistSkips(WindowReader.UserState user, String name) {
		if (user.first() == null) {
			return 0;
		}
		return this.jdbc.queryForObject("SELECT coalesce(sum(s.skips), 0) FROM generate_series(:m1, :m2) AS g(month)"
				+ " JOIN play_month_artist_skips s ON s.user_id = :u AND s.month = g.month AND s.artist_key = lower(:k)",
				span(user).addValue("k", name), Long.class);
	}

	private static MapSqlParameterSource span(WindowReader.UserState user) {
		return span(user.id(), user.first(), user.last());
	}

	/** The user and the UTC months (:m1 to :m2) from first to last. */
	private static MapSqlParameterSource span(int userId, Instant first, Instant last) {
		return new MapSqlParameterSource("u", userId)
			.addValue("m1", PlaySlices.monthIndex(YearMonth.from(first.atOffset(ZoneOffset.UTC))))
			.addValue("m2", PlaySlices.monthIndex(YearMonth.from(last.atOffset(ZoneOffset.UTC))));
	}

	private static String lower(String text) {
		return (text != null) ? text.toLowerCase(java.util.Locale.ROOT) : null;
	}

	private static Instant toInstant(Object value) {
		if (value instanceof java.sql.Timestamp timestamp) {
			return timestamp.toInstant();
		}
		if (value instanceof java.time.OffsetDateTime time) {
			return time.toInstant();
		}
		return (Instant) value;
	}

	private static ZoneId zone(String zone) {
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException | NullPointerException ex) {
			return ZoneOffset.UTC;
		}
	}

}
