package org.spotifymcp.shared.analytics;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.spotifymcp.shared.rollups.CountedPlays;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Whole months of a user's rollups (and the all-time totals) held in memory. A month of a
 * heavy listener has thousands of rollup rows, and summing them in PostgreSQL for every
 * question cost most of a tool call; here they are read once and summed in Java.
 * <p>
 * Every read first fetches the months' revisions ({@code history_revisions}, bumped by
 * triggers on every rollup write) in the caller's snapshot: a cached month is used only
 * while its revision is unchanged, otherwise it is read again. The cache is only ever a
 * copy, so any number of API instances can keep their own.
 */
public final class HistoryMemory {

	/** A kind of rollup row, and how to read one month (or the totals) of it. */
	enum Kind {

		TRACKS("SELECT month, track_id AS k, plays, ms_played AS ms, NULL::timestamptz AS first FROM play_month_tracks"
				+ " WHERE user_id = :u AND month = ANY (:months)", false),

		ARTISTS("SELECT month, artist_key AS k, plays, ms_played AS ms, NULL::timestamptz AS first"
				+ " FROM play_month_artists WHERE user_id = :u AND month = ANY (:months)", true),

		/** Skipped listens (not counted as plays) per track. */
		SKIPS("SELECT month, track_id AS k, skips AS plays, ms_played AS ms, NULL::timestamptz AS first"
				+ " FROM play_month_skips WHERE user_id = :u AND month = ANY (:months)", false),

		/** Skipped listens per artist key. */
		ARTIST_SKIPS("SELECT month, artist_key AS k, skips AS plays, ms_played AS ms, NULL::timestamptz AS first"
				+ " FROM play_month_artist_skips WHERE user_id = :u AND month = ANY (:months)", true),

		ALBUMS("SELECT month, album_id AS k, plays, ms_played AS ms, NULL::timestamptz AS first FROM play_month_albums"
				+ " WHERE user_id = :u AND month = ANY (:months)", false),

		/** Plays per UTC hour (summed over sources), keyed by hours since the epoch. */
		HOURS("SELECT m.month, h.hour AS k, sum(h.plays) AS plays, sum(h.ms_played) AS ms, NULL::timestamptz AS first"
				+ " FROM unnest(:months) AS m(month) JOIN play_hour_totals h ON h.user_id = :u"
				+ " AND h.hour >= (extract(epoch FROM make_date(1970 + m.month / 12, m.month % 12 + 1, 1)) / 3600)::integer"
				+ " AND h.hour < (extract(epoch FROM make_date(1970 + m.month / 12, m.month % 12 + 1, 1)"
				+ " + interval '1 month') / 3600)::integer GROUP BY m.month, h.hour", false),

		TRACK_TOTALS("SELECT -1 AS month, track_id AS k, plays, ms_played AS ms, first_played_at AS first"
				+ " FROM user_track_totals WHERE user_id = :u AND -1 = ANY (:months)", false),

		ARTIST_TOTALS("SELECT -1 AS month, artist_key AS k, plays, ms_played AS ms, first_played_at AS first"
				+ " FROM user_artist_totals WHERE user_id = :u AND -1 = ANY (:months)", true),

		ALBUM_TOTALS("SELECT -1 AS month, album_id AS k, plays, ms_played AS ms, NULL::timestamptz AS first"
				+ " FROM user_album_totals WHERE user_id = :u AND -1 = ANY (:months)", false),

		/** Plays per UTC day and track of a month: for windows that cut the month. */
		TRACK_DAYS("SELECT m.month, p.day, p.track_id AS k, count(*) AS plays, sum(p.ms) AS ms,"
				+ " NULL::timestamptz AS first FROM unnest(:months) AS m(month) CROSS JOIN LATERAL (" + MonthPlays.SQL
				+ ") p GROUP BY m.month, p.day, p.track_id", false),

		/** Plays per UTC day and artist key of a month. */
		ARTIST_DAYS("SELECT m.month, p.day, k.artist_key AS k, count(*) AS plays, sum(p.ms) AS ms,"
				+ " NULL::timestamptz AS first FROM unnest(:months) AS m(month) CROSS JOIN LATERAL (" + MonthPlays.SQL
				+ ") p JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta"
				+ " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id IN (SELECT track_id FROM play_month_tracks"
				+ " WHERE user_id = :u AND month = ANY (:months))) k ON k.track_id = p.track_id"
				+ " GROUP BY m.month, p.day, k.artist_key", true),

		/** Plays per UTC day and album of a month. */
		ALBUM_DAYS("SELECT m.month, p.day, t.album_id AS k, count(*) AS plays, sum(p.ms) AS ms,"
				+ " NULL::timestamptz AS first FROM unnest(:months) AS m(month) CROSS JOIN LATERAL (" + MonthPlays.SQL
				+ ") p JOIN tracks t ON t.id = p.track_id WHERE t.album_id IS NOT NULL"
				+ " GROUP BY m.month, p.day, t.album_id", false);

		private final String sql;

		private final boolean textKeys;

		/** Rows per UTC day of a month, for the months that a window cuts. */
		boolean byDay() {
			return this == TRACK_DAYS || this == ARTIST_DAYS || this == ALBUM_DAYS;
		}

		Kind(String sql, boolean textKeys) {
			this.sql = sql;
			this.textKeys = textKeys;
		}

	}

	/**
	 * The rows of one month (or of the totals): parallel arrays, keys either integers or
	 * texts; {@code first} (microseconds since the epoch) only for the totals of tracks
	 * and artists.
	 */
	record Rows(int month, long revision, int[] ids, String[] texts, int[] plays, long[] ms, long[] first, int[] days) {

		int size() {
			return this.plays.length;
		}

		int weight() {
			int perRow = 4 + 8 + ((this.first != null) ? 8 : 0) + ((this.days != null) ? 4 : 0)
					+ ((this.texts != null) ? 48 : 4);
			return 64 + size() * perRow;
		}

	}

	/**
	 * The plays of month {@code m.month} with their UTC day (days since the epoch) and
	 * milliseconds (the track's duration when the play has none).
	 */
	private static final class MonthPlays {

		static final String SQL = "SELECT (p.played_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS day, p.track_id,"
				+ " coalesce(p.ms_played, (SELECT t.duration_ms FROM tracks t WHERE t.id = p.track_id), 0) AS ms"
				+ " FROM plays p WHERE p.user_id = :u AND " + CountedPlays.condition("p")
				+ " AND p.played_at >= make_timestamptz(1970 + m.month / 12, m.month % 12 + 1, 1, 0, 0, 0, 'UTC')"
				+ " AND p.played_at < make_timestamptz(1970 + (m.month + 1) / 12, (m.month + 1) % 12 + 1, 1, 0, 0, 0, 'UTC')";

		private MonthPlays() {
		}

	}

	private record Key(int userId, Kind kind, int month) {

	}

	private final Cache<Key, Rows> cache;

	/**
	 * Month number under which the revisions carry the all-time totals' revision: the
	 * highest of the user's month revisions.
	 */
	static final int TOTALS = -1;

	/** Month number under which the revisions carry the catalog's genre revision. */
	static final int GENRES = -2;

	/** A user's artist keys and their genres, valid for two revisions. */
	private record Genres(long userRevision, long catalogRevision, Map<String, String[]> byKey) {

	}

	private final Cache<Integer, Genres> genres;

	/**
	 * An all-time sum built from totals rows, valid for their revision; never changed.
	 */
	private record TotalsTally(long revision, IntTally tally) {

	}

	private final Cache<Key, TotalsTally> totalsTallies;

	/**
	 * @param maxBytes about how much memory the cached rows may take
	 */
	public HistoryMemory(long maxBytes) {
		this.cache = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher((Key key, Rows rows) -> rows.weight())
			.build();
		this.totalsTallies = Caffeine.newBuilder()
			.maximumWeight(Math.max(1, maxBytes / 4))
			.weigher((Key key, TotalsTally totals) -> 64 + totals.tally().size() * 32)
			.build();
		this.genres = Caffeine.newBuilder()
			.maximumWeight(Math.max(1, maxBytes / 8))
			.weigher((Integer user, Genres genres) -> 64 + genres.byKey().size() * 96)
			.build();
	}

	/**
	 * A budget of an eighth of the heap, at most 96 MB: a heavy listener's ten years take
	 * about 30 MB.
	 * @return the memory
	 */
	public static HistoryMemory sizedForHeap() {
		return new HistoryMemory(Math.min(96L << 20, Runtime.getRuntime().maxMemory() / 8));
	}

	/**
	 * The rows of whole UTC months.
	 * @param jdbc runs the reads, inside the caller's transaction
	 * @param userId the user
	 * @param kind the rollup
	 * @param fromMonth first month (months since 1970-01)
	 * @param toMonth month after the last one
	 * @param revisions the user's revisions, read in the caller's snapshot
	 * @return the rows of each month that has any, in month order
	 */
	List<Rows> months(NamedParameterJdbcTemplate jdbc, int userId, Kind kind, int fromMonth, int toMonth,
			Map<Integer, Long> revisions) {
		List<Integer> wanted = new ArrayList<>();
		for (int month = fromMonth; month < toMonth; month++) {
			wanted.add(month);
		}
		return read(jdbc, userId, kind, wanted, revisions);
	}

	/**
	 * The all-time totals of a kind ({@code TRACK_TOTALS}, {@code ARTIST_TOTALS} or
	 * {@code ALBUM_TOTALS}).
	 */
	Rows totals(NamedParameterJdbcTemplate jdbc, int userId, Kind kind, Map<Integer, Long> revisions) {
		List<Rows> rows = read(jdbc, userId, kind, List.of(TOTALS), revisions);
		return rows.isEmpty() ? new Rows(-1, 0, new int[0], new String[0], new int[0], new long[0], new long[0], null)
				: rows.get(0);
	}

	/**
	 * The all-time totals of tracks or albums as a sum, built once per revision: the
	 * all-time windows then allocate nothing per call. Callers must not add to it.
	 */
	IntTally totalsTally(NamedParameterJdbcTemplate jdbc, int userId, Kind kind, Map<Integer, Long> revisions) {
		Long revision = revisions.get(TOTALS);
		Key key = new Key(userId, kind, TOTALS);
		TotalsTally cached = (revision != null) ? this.totalsTallies.getIfPresent(key) : null;
		if (cached != null && cached.revision() == revision) {
			return cached.tally();
		}
		Rows rows = totals(jdbc, userId, kind, revisions);
		IntTally tally = new IntTally(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			tally.add(rows.ids()[i], rows.plays()[i], rows.ms()[i]);
		}
		tally = tally.withoutEmpty();
		if (revision != null) {
			this.totalsTallies.put(key, new TotalsTally(revision, tally));
		}
		return tally;
	}

	/**
	 * The genres of every artist key the user has played (lower-cased name to the union
	 * of the genres of the artists with that name).
	 * @param jdbc runs the read, inside the caller's transaction
	 * @param userId the user
	 * @param revisions the user's revisions, read in the caller's snapshot
	 * @return genres per artist key: an empty array for keys Spotify was asked about and
	 * gave no genres, keys never looked up absent
	 */
	Map<String, String[]> genres(NamedParameterJdbcTemplate jdbc, int userId, Map<Integer, Long> revisions) {
		Long userRevision = revisions.get(TOTALS);
		long catalogRevision = revisions.getOrDefault(GENRES, 0L);
		Genres cached = (userRevision != null) ? this.genres.getIfPresent(userId) : null;
		if (cached != null && cached.userRevision() == userRevision && cached.catalogRevision() == catalogRevision) {
			return cached.byKey();
		}
		Map<String, Set<String>> sets = new HashMap<>();
		jdbc.query(
				"SELECT u.artist_key AS k, x.genre FROM user_artist_totals u JOIN artists a"
						+ " ON lower(a.name) = u.artist_key LEFT JOIN LATERAL unnest(a.genres) AS x(genre) ON true"
						+ " WHERE u.user_id = :u AND a.genres IS NOT NULL",
				new MapSqlParameterSource("u", userId), (ResultSet rs) -> {
					Set<String> set = sets.computeIfAbsent(rs.getString("k"), (k) -> new LinkedHashSet<>());
					String genre = rs.getString("genre");
					if (genre != null) {
						set.add(genre);
					}
				});
		Map<String, String[]> byKey = new HashMap<>();
		sets.forEach((key, set) -> byKey.put(key, set.toArray(new String[0])));
		if (userRevision != null) {
			this.genres.put(userId, new Genres(userRevision, catalogRevision, byKey));
		}
		return byKey;
	}

	/**
	 * Cached months whose revision still matches, the others read in one query; months
	 * without a revision are read but not cached (rows written before revisions existed,
	 * or none at all).
	 */
	private List<Rows> read(NamedParameterJdbcTemplate jdbc, int userId, Kind kind, List<Integer> months,
			Map<Integer, Long> revisions) {
		List<Rows> result = new ArrayList<>();
		List<Integer> missing = new ArrayList<>();
		for (int month : months) {
			Long revision = revisions.get(month);
			Rows cached = (revision != null) ? this.cache.getIfPresent(new Key(userId, kind, month)) : null;
			if (cached != null && cached.revision() == revision) {
				if (cached.size() > 0) {
					result.add(cached);
				}
			}
			else {
				missing.add(month);
			}
		}
		if (!missing.isEmpty()) {
			for (Rows rows : load(jdbc, userId, kind, missing, revisions)) {
				if (rows.size() > 0) {
					result.add(rows);
				}
			}
			result.sort(Comparator.comparingInt(Rows::month));
		}
		return result;
	}

	/** Reads months in one query and caches those that have a revision. */
	private List<Rows> load(NamedParameterJdbcTemplate jdbc, int userId, Kind kind, List<Integer> months,
			Map<Integer, Long> revisions) {
		Map<Integer, RowsBuilder> built = new HashMap<>();
		jdbc.query(kind.sql, new MapSqlParameterSource("u", userId).addValue("months",
				new SqlArrayValue("integer", months.toArray())), (ResultSet rs) -> {
					RowsBuilder builder = built.computeIfAbsent(rs.getInt("month"), (m) -> new RowsBuilder(kind, m));
					OffsetDateTime first = rs.getObject("first", OffsetDateTime.class);
					int day = kind.byDay() ? rs.getInt("day") : -1;
					if (kind.textKeys) {
						builder.add(rs.getString("k"), day, rs.getInt("plays"), rs.getLong("ms"), first);
					}
					else {
						builder.add(rs.getInt("k"), day, rs.getInt("plays"), rs.getLong("ms"), first);
					}
				});
		List<Rows> loaded = new ArrayList<>();
		for (int month : months) {
			RowsBuilder builder = built.get(month);
			Long revision = revisions.get(month);
			Rows rows = (builder != null) ? builder.build((revision != null) ? revision : 0)
					: RowsBuilder.empty(month, (revision != null) ? revision : 0);
			if (revision != null) {
				this.cache.put(new Key(userId, kind, month), rows);
			}
			loaded.add(rows);
		}
		return loaded;
	}

	/** Collects one month's rows into growing arrays. */
	private static final class RowsBuilder {

		private final boolean textKeys;

		private int size;

		private int[] ids = new int[256];

		private String[] texts = new String[256];

		private int[] plays = new int[256];

		private long[] ms = new long[256];

		private int[] days = new int[256];

		private long[] first;

		private final int month;

		private final boolean byDay;

		RowsBuilder(Kind kind, int month) {
			this.textKeys = kind.textKeys;
			this.byDay = kind.byDay();
			this.month = month;
		}

		static Rows empty(int month, long revision) {
			return new Rows(month, revision, new int[0], new String[0], new int[0], new long[0], null, null);
		}

		void add(int id, int day, int plays, long ms, OffsetDateTime first) {
			grow();
			this.ids[this.size] = id;
			append(day, plays, ms, first);
		}

		void add(String text, int day, int plays, long ms, OffsetDateTime first) {
			grow();
			this.texts[this.size] = text;
			append(day, plays, ms, first);
		}

		private void append(int day, int plays, long ms, OffsetDateTime first) {
			this.days[this.size] = day;
			this.plays[this.size] = plays;
			this.ms[this.size] = ms;
			if (first != null) {
				if (this.first == null) {
					this.first = new long[this.plays.length];
				}
				this.first[this.size] = first.toEpochSecond() * 1_000_000 + first.getNano() / 1_000;
			}
			this.size++;
		}

		private void grow() {
			if (this.size == this.plays.length) {
				int capacity = this.size * 2;
				this.ids = Arrays.copyOf(this.ids, capacity);
				this.texts = Arrays.copyOf(this.texts, capacity);
				this.plays = Arrays.copyOf(this.plays, capacity);
				this.ms = Arrays.copyOf(this.ms, capacity);
				this.days = Arrays.copyOf(this.days, capacity);
				if (this.first != null) {
					this.first = Arrays.copyOf(this.first, capacity);
				}
			}
		}

		Rows build(long revision) {
			return new Rows(this.month, revision, this.textKeys ? null : Arrays.copyOf(this.ids, this.size),
					this.textKeys ? Arrays.copyOf(this.texts, this.size) : null, Arrays.copyOf(this.plays, this.size),
					Arrays.copyOf(this.ms, this.size),
					(this.first != null) ? Arrays.copyOf(this.first, this.size) : null,
					this.byDay ? Arrays.copyOf(this.days, this.size) : null);
		}

	}

}
