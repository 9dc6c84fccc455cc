package org.spotifymcp.shared.analytics;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.catalog.ArtistDetailsStore;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The rollups stay equal to a naive aggregation of {@code plays} (under the play-counting
 * rule: every listen here lasts 30 s or more) once the writers' apply ran, through
 * inserts of every shape, catalog changes (a new artist link, a track that gets an album)
 * and deletes; and the analytics that read them answer windows whose edges cut months,
 * days and a DST change in the user's zone exactly.
 */
@SpringBootTest(classes = SharedModelTestApplication.class)
class HistoryRollupsTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	HistoryAnalytics analytics;

	@Autowired
	TransactionTemplate transactions;

	private int user;

	private int other;

	private int alpha;

	private int alphaExport;

	private int beta;

	private int albumOne;

	private int albumTwo;

	@BeforeEach
	void catalogAndUsers() {
		long n = System.nanoTime();
		this.user = id("INSERT INTO users (spotify_user_id, display_name, time_zone) VALUES (?, 'Ada', 'Europe/Berlin')"
				+ " RETURNING id", "ada" + n);
		this.other = id("INSERT INTO users (spotify_user_id, display_name, time_zone) VALUES (?, 'Bob', 'UTC')"
				+ " RETURNING id", "bob" + n);
		// The same artist under a Spotify id and an export-only id: one key, "alpha".
		this.alpha = id("INSERT INTO artists (spotify_id, name, genres) VALUES (?, 'Alpha', '{rock}') RETURNING id",
				"alpha" + n);
		this.alphaExport = id("INSERT INTO artists (spotify_id, name) VALUES (?, 'alpha') RETURNING id",
				"local:alpha" + n);
		this.beta = id("INSERT INTO artists (spotify_id, name, genres) VALUES (?, 'Beta', '{jazz}') RETURNING id",
				"beta" + n);
		this.albumOne = id("INSERT INTO albums (spotify_id, name) VALUES (?, 'One') RETURNING id", "one" + n);
		this.albumTwo = id("INSERT INTO albums (spotify_id, name) VALUES (?, 'Two') RETURNING id", "two" + n);
	}

	@Test
	void rollupsFollowInsertsCatalogChangesAndDeletes() {
		int both = track("both", this.albumOne, 200_000, this.alpha, this.alphaExport);
		int alphaOnly = track("alpha-only", this.albumOne, 100_000, this.alpha);
		int betaOnly = track("beta-only", null, 300_000, this.beta);
		int later = track("gets-album-later", null, null, this.beta);
		// A batch across a UTC month end (and a Berlin one an hour or two earlier), a row
		// without ms_played, another user in the same statement.
		this.jdbc.update(
				"INSERT INTO plays (played_at, user_id, track_id, ms_played, source) VALUES"
						+ " ('2024-03-31T21:30:00Z', ?, ?, 40000, 2), ('2024-03-31T23:59:59Z', ?, ?, NULL, 2),"
						+ " ('2024-04-01T00:00:00Z', ?, ?, 120000, 2), ('2024-04-01T00:00:00Z', ?, ?, 160000, 2),"
						+ " ('2024-04-15T12:00:00Z', ?, ?, NULL, 1), ('2024-04-15T12:00:00Z', ?, ?, 200000, 1)",
				this.user, both, this.user, alphaOnly, this.user, both, this.user, betaOnly, this.user, later,
				this.other, both);
		this.jdbc.update("INSERT INTO plays (played_at, user_id, track_id, ms_played, source) VALUES"
				+ " ('2024-02-10T08:00:00Z', ?, ?, 280000, 3)", this.user, betaOnly);
		// Duplicates are not counted twice.
		this.jdbc.update("INSERT INTO plays (played_at, user_id, track_id, ms_played, source) VALUES"
				+ " ('2024-04-01T00:00:00Z', ?, ?, 120000, 2), ('2024-05-01T00:00:00Z', ?, ?, 240000, 2)"
				+ " ON CONFLICT DO NOTHING", this.user, both, this.user, later);
		writersApply();
		assertRollupsMatchPlays();
		assertThat(this.jdbc.queryForObject("SELECT time_zone FROM play_local_day_zones WHERE user_id = ?",
				String.class, this.user))
			.isEqualTo("Europe/Berlin");
		// 2024-03-31T23:59:59Z and 2024-04-01T00:00Z are both April 1 in Berlin: 19814.
		assertThat(this.jdbc.queryForObject(
				"SELECT plays FROM play_local_days WHERE user_id = ? AND day = 19814 AND source = 2", Integer.class,
				this.user))
			.isEqualTo(3);
		assertThat(this.jdbc.queryForObject(
				"SELECT plays FROM user_artist_totals WHERE user_id = ? AND artist_key = 'alpha'", Integer.class,
				this.user))
			.as("a play of a track with two 'alpha' artist rows counts once")
			.isEqualTo(3);

		// The collector links an old track to another artist and fills in an album.
		this.jdbc.update("INSERT INTO track_artists (track_id, position, artist_id) VALUES (?, 1, ?)", later,
				this.alpha);
		this.jdbc.update("UPDATE tracks SET album_id = ?, duration_ms = 250000 WHERE id = ?", this.albumTwo, later);
		assertRollupsMatchPlaysExceptDurations(later);
		this.jdbc.update("UPDATE tracks SET album_id = ? WHERE id = ?", this.albumOne, later);
		assertRollupsMatchPlaysExceptDurations(later);

		// A new time zone counts the local days again.
		this.jdbc.update("UPDATE users SET time_zone = 'America/New_York' WHERE id = ?", this.user);
		assertThat(this.jdbc.queryForObject("SELECT time_zone FROM play_local_day_zones WHERE user_id = ?",
				String.class, this.user))
			.isEqualTo("America/New_York");
		assertRollupsMatchPlays();

		// Deleting an artist's first play moves its first play; deleting a month's plays
		// removes its rows.
		this.jdbc.update("DELETE FROM plays WHERE user_id = ? AND played_at = '2024-02-10T08:00:00Z'", this.user);
		this.jdbc.update("DELETE FROM plays WHERE user_id = ? AND played_at < '2024-04-01T00:00:00Z'", this.user);
		writersApply();
		assertRollupsMatchPlaysExceptDurations(later);
		assertThat(this.jdbc.queryForObject("SELECT first_played_at = '2024-04-01T00:00:00Z' FROM user_artist_totals"
				+ " WHERE user_id = ? AND artist_key = 'beta'", Boolean.class, this.user))
			.isTrue();
		assertThat(
				this.jdbc.queryForList("SELECT DISTINCT month FROM play_month_tracks WHERE user_id = ? ORDER BY month",
						Integer.class, this.user))
			.containsExactly(651, 652);

		this.jdbc.update("DELETE FROM users WHERE id = ?", this.user);
		for (String table : RollupChecks.TABLES) {
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE user_id = ?", Long.class,
					this.user))
				.as(table)
				.isZero();
		}
		assertRollupsMatchPlays();
	}

	/**
	 * A Berlin window from 2024-03-31 (the night the clocks go forward) to 2024-04-01:
	 * [2024-03-30T23:00Z, 2024-04-01T22:00Z). It starts in the last UTC day of March and
	 * ends inside April, so both edges come from raw plays.
	 */
	@Test
	void windowsCutAtLocalMidnightsAcrossDst() {
		int song = track("song", this.albumOne, 180_000, this.alpha);
		int tune = track("tune", this.albumTwo, 120_000, this.beta);
		int intro = track("intro", null, 60_000, this.beta);
		insertPlays(intro, "2024-03-30T22:59:59Z"); // Mar 30, 23:59:59 CET: before
		insertPlays(song, "2024-03-30T23:00:00Z", // Mar 31, 00:00 CET: first instant
													// inside
				"2024-03-31T12:00:00Z", // Mar 31, 14:00 CEST
				"2024-04-01T21:59:59Z", // Apr 1, 23:59:59 CEST: last second inside
				"2024-04-01T22:00:00Z"); // Apr 2, 00:00 CEST: after
		insertPlays(tune, "2024-02-01T10:00:00Z", "2024-03-15T10:00:00Z", "2024-03-31T22:30:00Z",
				"2024-06-01T10:00:00Z");
		WindowRequest window = new WindowRequest(null, "2024-03-31", "2024-04-01", null, null);

		TopArtists artists = this.analytics.topArtists(this.user, window, 10);
		assertThat(artists.totalPlays()).isEqualTo(4);
		assertThat(artists.artists()).extracting(ArtistCount::name, ArtistCount::plays, ArtistCount::tracks)
			.containsExactly(tuple("Alpha", 3L, 1L), tuple("Beta", 1L, 1L));
		TopAlbums albums = this.analytics.topAlbums(this.user, window, 10);
		assertThat(albums.albums()).extracting(AlbumCount::name, AlbumCount::plays)
			.containsExactly(tuple("One", 3L), tuple("Two", 1L));
		// Beta was first played in February: not a discovery of this window; Alpha was.
		Discoveries discoveries = this.analytics.discoveries(this.user, window, 10);
		assertThat(discoveries.newArtists()).isEqualTo(1);
		assertThat(discoveries.artists()).extracting(Discoveries.Discovery::name).containsExactly("Alpha");
		assertThat(discoveries.artists().get(0).totalPlays()).isEqualTo(4);

		// The same days read in UTC: [2024-03-31T00:00Z, 2024-04-02T00:00Z).
		WindowRequest utc = new WindowRequest(null, "2024-03-31", "2024-04-01", null, "UTC");
		assertThat(this.analytics.topArtists(this.user, utc, 10).artists())
			.extracting(ArtistCount::name, ArtistCount::plays)
			.containsExactly(tuple("Alpha", 3L), tuple("Beta", 1L));

		// A raw edge from March 10 (New York midnight, 05:00Z, the DST day there) to the
		// end of March, then whole months up to June, the last month with plays; the
		// February play lies before.
		WindowRequest months = new WindowRequest(null, "2024-03-10", "2024-06-30", null, "America/New_York");
		TasteSummary taste = this.analytics.tasteSummary(this.user, months);
		assertThat(taste.plays()).isEqualTo(8);
		assertThat(taste.uniqueTracks()).isEqualTo(3);
		assertThat(taste.uniqueArtists()).isEqualTo(2);
		assertThat(taste.topGenres()).extracting(TasteSummary.GenreCount::genre, TasteSummary.GenreCount::plays)
			.containsExactly(tuple("jazz", 4L), tuple("rock", 4L));
		Wrapped wrapped = this.analytics.wrapped(this.user, months);
		assertThat(wrapped.plays()).isEqualTo(8);
		assertThat(wrapped.newArtists()).isEqualTo(1);
		assertThat(wrapped.topAlbums()).extracting(AlbumCount::name, AlbumCount::plays, AlbumCount::tracks)
			.containsExactly(tuple("One", 4L, 1L), tuple("Two", 3L, 1L));
	}

	/**
	 * An import writes its batches without touching the rollups and calls
	 * apply_plays_to_rollups when the job ends: every rollup of the months and days its
	 * plays touch is counted again, polled plays of those months included.
	 */
	@Test
	void importsRefreshTheRollupsOnceTheyEnd() {
		int song = track("song", this.albumOne, 100_000, this.alpha);
		int tune = track("tune", this.albumTwo, 200_000, this.beta);
		int gamma = id("INSERT INTO artists (spotify_id, name) VALUES (?, 'Gamma') RETURNING id",
				"gamma" + System.nanoTime());
		int gone = track("gone", null, 100_000, gamma);
		insertPlays(song, "2024-05-20T10:00:00Z", "2024-06-02T10:00:00Z");
		insertPlays(gone, "2024-02-10T10:00:00Z", "2024-04-15T10:00:00Z");
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update(
					"INSERT INTO plays (played_at, user_id, track_id, ms_played, source) VALUES"
							+ " ('2024-03-31T22:30:00Z', ?, ?, 40000, 2), ('2024-04-10T10:00:00Z', ?, ?, NULL, 2),"
							+ " ('2024-05-20T11:00:00Z', ?, ?, 120000, 2)",
					this.user, tune, this.user, song, this.user, tune);
			// plays an import replaces: a track's first play inside the range, and the
			// only play of a track inside it (its first and last play move outside)
			this.jdbc.update("DELETE FROM plays WHERE user_id = ? AND played_at IN ('2024-05-20T10:00:00Z',"
					+ " '2024-04-15T10:00:00Z')", this.user);
		});
		assertThat(this.jdbc.queryForObject(
				"SELECT plays FROM user_artist_totals WHERE user_id = ? AND artist_key = 'alpha'", Integer.class,
				this.user))
			.as("deferred")
			.isEqualTo(2);
		// what the job's end does (ExportImporter), in its order
		this.jdbc.queryForList("SELECT apply_plays_to_rollups(?, '2024-03-31T22:30:00Z', '2024-05-20T11:00:00Z')",
				this.user);
		assertRollupsMatchPlays();
		assertThat(this.jdbc.queryForObject("SELECT first_played_at = '2024-03-31T22:30:00Z' FROM user_artist_totals"
				+ " WHERE user_id = ? AND artist_key = 'beta'", Boolean.class, this.user))
			.isTrue();
	}

	/**
	 * The UTC window 2024-03-02..2024-05-30 is [Mar 2, May 31): March and May are read
	 * whole from the rollups minus the raw plays of March 1 and May 31.
	 */
	@Test
	void edgeMonthsMostlyInsideAreWholeMonthsMinusTheRest() {
		int gamma = id("INSERT INTO artists (spotify_id, name) VALUES (?, 'Gamma') RETURNING id",
				"gamma" + System.nanoTime());
		int song = track("song", this.albumOne, 100_000, this.alpha);
		int tune = track("tune", this.albumTwo, 200_000, this.beta);
		int gone = track("gone", null, 50_000, gamma);
		insertPlays(song, "2024-03-01T12:00:00Z", "2024-03-02T00:00:00Z", "2024-04-10T10:00:00Z",
				"2024-05-31T00:00:00Z");
		insertPlays(tune, "2024-03-01T23:59:59Z", "2024-05-30T23:59:59Z", "2024-06-15T00:00:00Z");
		insertPlays(gone, "2024-05-31T12:00:00Z");
		WindowRequest window = new WindowRequest(null, "2024-03-02", "2024-05-30", null, "UTC");

		TopTracks tracks = this.analytics.topTracks(this.user, window, 10);
		assertThat(tracks.totalPlays()).isEqualTo(3);
		assertThat(tracks.tracks()).extracting(TrackCount::name, TrackCount::plays, TrackCount::minutes)
			.containsExactly(tuple("song", 2L, 3.3), tuple("tune", 1L, 3.3));
		assertThat(this.analytics.topArtists(this.user, window, 10).artists())
			.extracting(ArtistCount::name, ArtistCount::plays, ArtistCount::tracks)
			.containsExactly(tuple("Alpha", 2L, 1L), tuple("Beta", 1L, 1L));
		assertThat(this.analytics.topAlbums(this.user, window, 10).albums())
			.extracting(AlbumCount::name, AlbumCount::plays)
			.containsExactly(tuple("One", 2L), tuple("Two", 1L));
		RepeatRate repeats = this.analytics.repeatRate(this.user, window, 10);
		assertThat(repeats.uniqueTracks()).isEqualTo(2);
		assertThat(repeats.tracksPlayedOnce()).isEqualTo(1);
		assertThat(repeats.mostRepeated()).extracting(TrackCount::name).containsExactly("song");
	}

	/**
	 * The analytics keep whole months in memory (HistoryMemory): every kind of write to a
	 * cached month (a poll, a deferred import and its refresh, a catalog change, a
	 * delete) shows in the next answer.
	 */
	@Test
	void cachedMonthsFollowEveryWrite() {
		int song = track("song", this.albumOne, 100_000, this.alpha);
		int tune = track("tune", null, 200_000, this.beta);
		insertPlays(song, "2024-02-10T10:00:00Z", "2024-03-10T10:00:00Z");
		insertPlays(tune, "2024-03-11T10:00:00Z");
		WindowRequest window = new WindowRequest(null, "2024-01-01", "2024-04-30", null, "UTC");
		WindowRequest allTime = new WindowRequest(null, null, null, true, "UTC");
		// [2024-02-10T23:00Z, 2024-03-12T23:00Z): February whole minus its first nine UTC
		// days (cached by day) and 23 raw hours; March's first eleven days by day, then
		// raw.
		WindowRequest cut = new WindowRequest(null, "2024-02-11", "2024-03-12", null, "Europe/Berlin");
		assertThat(topTracks(window)).containsExactly(tuple("song", 2L), tuple("tune", 1L));
		assertThat(topTracks(cut)).containsExactly(tuple("song", 1L), tuple("tune", 1L));
		assertThat(topTracks(allTime)).containsExactly(tuple("song", 2L), tuple("tune", 1L));
		assertThat(this.analytics.topAlbums(this.user, window, 10).albums()).extracting(AlbumCount::name)
			.containsExactly("One");
		assertThat(heatmapTotal(window)).isEqualTo(3);

		// A poll adds plays to a cached month.
		insertPlays(tune, "2024-03-12T10:00:00Z", "2024-03-13T10:00:00Z");
		assertThat(topTracks(window)).containsExactly(tuple("tune", 3L), tuple("song", 2L));
		assertThat(topTracks(cut)).containsExactly(tuple("tune", 2L), tuple("song", 1L));
		assertThat(topTracks(allTime)).containsExactly(tuple("tune", 3L), tuple("song", 2L));
		assertThat(heatmapTotal(window)).isEqualTo(5);

		// The catalog gives "tune" an album and a second artist.
		this.jdbc.update("UPDATE tracks SET album_id = ? WHERE id = ?", this.albumTwo, tune);
		this.jdbc.update("INSERT INTO track_artists (track_id, position, artist_id) VALUES (?, 1, ?)", tune,
				this.alpha);
		assertThat(this.analytics.topAlbums(this.user, window, 10).albums())
			.extracting(AlbumCount::name, AlbumCount::plays)
			.containsExactly(tuple("Two", 3L), tuple("One", 2L));
		assertThat(this.analytics.topArtists(this.user, window, 10).artists())
			.extracting(ArtistCount::name, ArtistCount::plays)
			.containsExactly(tuple("Alpha", 5L), tuple("Beta", 3L));
		assertThat(genres(window)).containsExactly(tuple("rock", 5L), tuple("jazz", 3L));
		this.jdbc.update("UPDATE artists SET genres = '{jazz,swing}' WHERE id = ?", this.beta);
		assertThat(genres(window)).containsExactly(tuple("rock", 5L), tuple("jazz", 3L), tuple("swing", 3L));

		// An import writes with deferred rollups, then refreshes them at its end.
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update(
					"INSERT INTO plays (played_at, user_id, track_id, ms_played, source) VALUES"
							+ " ('2024-02-20T10:00:00Z', ?, ?, 40000, 2), ('2024-02-21T10:00:00Z', ?, ?, 40000, 2)",
					this.user, song, this.user, song);
			this.jdbc.queryForList("SELECT apply_plays_to_rollups(?, '2024-02-20T10:00:00Z', '2024-02-21T10:00:00Z')",
					this.user);
		});
		assertThat(topTracks(window)).containsExactly(tuple("song", 4L), tuple("tune", 3L));
		assertThat(topTracks(cut)).containsExactly(tuple("song", 3L), tuple("tune", 2L));
		assertThat(this.analytics.topArtists(this.user, cut, 10).artists())
			.extracting(ArtistCount::name, ArtistCount::plays)
			.containsExactly(tuple("Alpha", 5L), tuple("Beta", 2L));
		assertThat(this.analytics.topAlbums(this.user, cut, 10).albums())
			.extracting(AlbumCount::name, AlbumCount::plays)
			.containsExactly(tuple("One", 3L), tuple("Two", 2L));
		assertThat(topTracks(allTime)).containsExactly(tuple("song", 4L), tuple("tune", 3L));
		assertThat(this.analytics.topArtists(this.user, window, 10).artists())
			.extracting(ArtistCount::name, ArtistCount::plays)
			.containsExactly(tuple("Alpha", 7L), tuple("Beta", 3L));

		// Deletes.
		this.jdbc.update("DELETE FROM plays WHERE user_id = ? AND track_id = ?", this.user, song);
		writersApply();
		assertThat(topTracks(window)).containsExactly(tuple("tune", 3L));
		assertThat(topTracks(cut)).containsExactly(tuple("tune", 2L));
		assertThat(topTracks(allTime)).containsExactly(tuple("tune", 3L));
		assertThat(this.analytics.discoveries(this.user, allTime, 10).newTracks()).isEqualTo(1);
		assertThat(heatmapTotal(window)).isEqualTo(3);
	}

	/**
	 * Genres arrive after the plays (the collector's artist-details task asks Spotify):
	 * until then the summaries say why none are listed, and once filled they show in the
	 * next answer of the same, cached, analytics.
	 */
	@Test
	void genresFilledLaterShowInTheNextAnswerAndUntilThenAreUnavailable() {
		long n = System.nanoTime();
		int gamma = id("INSERT INTO artists (spotify_id, name) VALUES (?, ?) RETURNING id", "gamma" + n, "Gamma" + n);
		insertPlays(track("gamma-song", null, 200_000, gamma), "2024-06-10T10:00:00Z", "2024-06-11T10:00:00Z");
		WindowRequest window = new WindowRequest(null, "2024-06-01", "2024-06-30", null, "UTC");
		ArtistDetailsStore details = new ArtistDetailsStore(this.jdbc);

		TasteSummary notAsked = this.analytics.tasteSummary(this.user, window);
		assertThat(notAsked.topGenres()).isEmpty();
		assertThat(notAsked.genresAvailable()).isFalse();
		assertThat(notAsked.genresNote()).isEqualTo(TopItems.GENRES_NOT_LOOKED_UP).startsWith("genres unavailable");
		assertThat(notAsked.notes()).contains(TopItems.GENRES_NOT_LOOKED_UP);
		Wrapped wrappedNotAsked = this.analytics.wrapped(this.user, window);
		assertThat(wrappedNotAsked.genresAvailable()).isFalse();
		assertThat(wrappedNotAsked.genresNote()).isEqualTo(TopItems.GENRES_NOT_LOOKED_UP);

		details.save(gamma, List.of(), null, Instant.parse("2026-01-01T00:00:00Z"));
		TasteSummary none = this.analytics.tasteSummary(this.user, window);
		assertThat(none.genresAvailable()).isFalse();
		assertThat(none.genresNote()).isEqualTo("genres unavailable: Spotify returned no genres for these artists");
		assertThat(this.analytics.wrapped(this.user, window).genresNote()).isEqualTo(TopItems.GENRES_NONE_FROM_SPOTIFY);

		details.save(gamma, List.of("dream pop", "shoegaze"), "https://i.scdn.co/image/gamma",
				Instant.parse("2026-02-01T00:00:00Z"));
		TasteSummary filled = this.analytics.tasteSummary(this.user, window);
		assertThat(filled.genresAvailable()).isTrue();
		assertThat(filled.genresNote()).isNull();
		assertThat(filled.topGenres()).extracting(TasteSummary.GenreCount::genre, TasteSummary.GenreCount::plays)
			.containsExactly(tuple("dream pop", 2L), tuple("shoegaze", 2L));
		assertThat(filled.notes()).noneMatch((note) -> note.startsWith("genres unavailable"));
		Wrapped wrapped = this.analytics.wrapped(this.user, window);
		assertThat(wrapped.genresAvailable()).isTrue();
		assertThat(wrapped.topGenres()).containsExactly("dream pop", "shoegaze");

		// a window without plays has no genres to miss
		TasteSummary empty = this.analytics.tasteSummary(this.user,
				new WindowRequest(null, "2023-01-01", "2023-01-31", null, "UTC"));
		assertThat(empty.topGenres()).isEmpty();
		assertThat(empty.genresAvailable()).isTrue();
	}

	private List<org.assertj.core.groups.Tuple> topTracks(WindowRequest window) {
		return this.analytics.topTracks(this.user, window, 10)
			.tracks()
			.stream()
			.map((track) -> tuple(track.name(), track.plays()))
			.toList();
	}

	private List<org.assertj.core.groups.Tuple> genres(WindowRequest window) {
		return this.analytics.tasteSummary(this.user, window)
			.topGenres()
			.stream()
			.map((genre) -> tuple(genre.genre(), genre.plays()))
			.toList();
	}

	private long heatmapTotal(WindowRequest window) {
		return this.analytics.heatmap(this.user, window).totalPlays();
	}

	private void insertPlays(int track, String... instants) {
		for (String instant : instants) {
			this.jdbc.update("INSERT INTO plays (played_at, user_id, track_id, ms_played, source)"
					+ " VALUES (?::timestamptz, ?, ?, NULL, 2)", instant, this.user, track);
		}
		writersApply();
	}

	/** What the writers of plays do after writing them: apply them to the rollups. */
	private void writersApply() {
		RollupChecks.apply(this.jdbc, this.user, this.other);
	}

	/** For this test's users: other tests share the database. */
	private void assertRollupsMatchPlays() {
		assertRollupsMatchPlays(RollupChecks.TABLES);
	}

	private void assertRollupsMatchPlays(java.util.Collection<String> tables) {
		tables.forEach((table) -> assertThat(RollupChecks.mismatches(this.jdbc, table, this.user, this.other))
			.as(table + " equals its naive aggregation")
			.isEmpty());
	}

	/**
	 * Like {@link #assertRollupsMatchPlays()}, for a track whose duration was filled in
	 * after its plays without ms_played were counted: the rollups keep the milliseconds
	 * known when the plays arrived, so milliseconds are compared for the other tracks.
	 */
	private void assertRollupsMatchPlaysExceptDurations(int track) {
		this.jdbc.update("UPDATE tracks SET duration_ms = NULL WHERE id = ?", track);
		assertRollupsMatchPlays();
	}

	private int track(String name, Integer album, Integer durationMs, int... artists) {
		int id = id("INSERT INTO tracks (spotify_id, name, album_id, duration_ms) VALUES (?, ?, ?, ?) RETURNING id",
				name + System.nanoTime(), name, album, durationMs);
		for (int position = 0; position < artists.length; position++) {
			this.jdbc.update("INSERT INTO track_artists (track_id, position, artist_id) VALUES (?, ?, ?)", id, position,
					artists[position]);
		}
		return id;
	}

	private int id(String sql, Object... args) {
		List<Integer> ids = this.jdbc.queryForList(sql, Integer.class, args);
		return ids.get(0);
	}

}
