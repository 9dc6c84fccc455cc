package org.spotifymcp.shared.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Top lists ranked by listening time rank every item of the window (not the most played
 * re-sorted), and one track, album or artist over the whole history: counted plays, time,
 * skipped listens, first and last play and plays per month of the listener's zone.
 */
@SpringBootTest(classes = SharedModelTestApplication.class)
class ItemHistoryAndOrderTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	HistoryAnalytics analytics;

	private long n;

	private int user;

	private int other;

	@BeforeEach
	void users() {
		this.n = System.nanoTime();
		this.user = id("INSERT INTO users (spotify_user_id, display_name, time_zone) VALUES (?, 'Ada', 'Europe/Berlin')"
				+ " RETURNING id", "ada" + this.n);
		this.other = id("INSERT INTO users (spotify_user_id, display_name, time_zone) VALUES (?, 'Bob', 'UTC')"
				+ " RETURNING id", "bob" + this.n);
	}

	@Test
	void rankingByTimeConsidersEveryItemOfTheWindow() {
		// 60 short tracks played twice push the one long listen far below the 50 most
		// played; by time it leads.
		List<Object[]> plays = new ArrayList<>();
		Instant start = Instant.parse("2024-03-05T10:00:00Z");
		for (int i = 0; i < 60; i++) {
			int artist = id("INSERT INTO artists (spotify_id, name) VALUES (?, ?) RETURNING id",
					"ar" + i + "x" + this.n, "Short Artist " + i);
			int album = id("INSERT INTO albums (spotify_id, name) VALUES (?, ?) RETURNING id", "al" + i + "x" + this.n,
					"Short Album " + i);
			int track = track("tr" + i + "x" + this.n, "Short " + i, album, 200_000, artist);
			plays.add(new Object[] { this.user, java.sql.Timestamp.from(start.plusSeconds(i * 600L)), track, 40_000 });
			plays.add(new Object[] { this.user, java.sql.Timestamp.from(start.plusSeconds(i * 600L + 86_400)), track,
					40_000 });
		}
		int longArtist = id("INSERT INTO artists (spotify_id, name) VALUES (?, 'Long Artist') RETURNING id",
				"long" + this.n);
		int longAlbum = id("INSERT INTO albums (spotify_id, name) VALUES (?, 'Long Album') RETURNING id",
				"longal" + this.n);
		int longTrack = track("longtr" + this.n, "Long Piece", longAlbum, 3_000_000, longArtist);
		plays.add(new Object[] { this.user, java.sql.Timestamp.from(Instant.parse("2024-03-20T20:00:00Z")), longTrack,
				2_400_000 });
		this.jdbc.batchUpdate(
				"INSERT INTO plays (user_id, played_at, track_id, ms_played, source)" + " VALUES (?, ?, ?, ?, 2)",
				plays);
		RollupChecks.apply(this.jdbc, this.user);

		for (WindowRequest window : List.of(WindowRequest.allTime("Europe/Berlin"),
				WindowRequest.between("2024-03-04", "2024-03-25", "Europe/Berlin"))) {
			assertThat(this.analytics.topTracks(this.user, window, 3, TopOrder.TIME).tracks())
				.extracting(TrackCount::rank, TrackCount::name, TrackCount::plays, TrackCount::minutes)
				.containsExactly(tuple(1, "Long Piece", 1L, 40.0), tuple(2, "Short 0", 2L, 1.3),
						tuple(2, "Short 1", 2L, 1.3));
			assertThat(this.analytics.topArtists(this.user, window, 2, TopOrder.TIME).artists())
				.extracting(ArtistCount::rank, ArtistCount::name)
				.containsExactly(tuple(1, "Long Artist"), tuple(2, "Short Artist 0"));
			assertThat(this.analytics.topAlbums(this.user, window, 2, TopOrder.TIME).albums())
				.extracting(AlbumCount::rank, AlbumCount::name, AlbumCount::spotifyId)
				.containsExactly(tuple(1, "Long Album", "longal" + this.n), tuple(2, "Short Album 0", "al0x" + this.n));
			assertThat(this.analytics.topTracks(this.user, window, 50, TopOrder.PLAYS).tracks())
				.extracting(TrackCount::name)
				.doesNotContain("Long Piece");
		}
	}

	@Test
	void orderByNamesTheArgumentWhenWrong() {
		assertThat(TopOrder.of(null)).isEqualTo(TopOrder.PLAYS);
		assertThat(TopOrder.of(" Time ")).isEqualTo(TopOrder.TIME);
		assertThatThrownBy(() -> TopOrder.of("minutes")).isInstanceOf(HistoryQueryException.class)
			.hasMessage("order_by must be \"plays\" or \"time\", got 'minutes'");
	}

	@Test
	void aTrackAlbumAndArtistOverTheWholeHistoryInTheListenersMonths() {
		int alpha = id("INSERT INTO artists (spotify_id, name, image_url) VALUES (?, 'Alpha', ?) RETURNING id",
				"alpha" + this.n, "https://i.scdn.co/image/alpha");
		int alphaExport = id("INSERT INTO artists (spotify_id, name) VALUES (?, 'alpha') RETURNING id",
				"local:artist:alpha" + this.n);
		int album = id("INSERT INTO albums (spotify_id, name, image_url) VALUES (?, 'Record', ?) RETURNING id",
				"record" + this.n, "https://i.scdn.co/image/record");
		// the same album under an export-only id: merged, as in the top lists
		int albumExport = id("INSERT INTO albums (spotify_id, name) VALUES (?, 'record') RETURNING id",
				"local:album:record" + this.n);
		int song = track("song" + this.n, "Song", album, 200_000, alpha);
		int other = track("other" + this.n, "Other Song", album, 200_000, alpha);
		int exported = track("local:song" + this.n, "Exported Song", albumExport, 200_000, alphaExport);
		this.jdbc.update("INSERT INTO plays (user_id, played_at, track_id, ms_played, source) VALUES"
				+ " (?, '2024-01-15T12:00:00Z', ?, 60000, 2),"
				// 00:30 on April 1 in Berlin: April, though March in UTC
				+ " (?, '2024-03-31T22:30:00Z', ?, 120000, 2),"
				// a skipped listen: not counted
				+ " (?, '2024-04-02T09:00:00Z', ?, 5000, 2)," + " (?, '2024-04-03T09:00:00Z', ?, NULL, 1),"
				+ " (?, '2024-04-04T09:00:00Z', ?, 90000, 2)," + " (?, '2024-04-05T09:00:00Z', ?, 90000, 3),"
				// another listener's plays of the same track count for them only
				+ " (?, '2024-04-06T09:00:00Z', ?, 90000, 2)", this.user, song, this.user, song, this.user, song,
				this.user, song, this.user, other, this.user, exported, this.other, song);
		RollupChecks.apply(this.jdbc, this.user, this.other);

		ItemHistory track = this.analytics.trackHistory(this.user, "song" + this.n).orElseThrow();
		assertThat(track.name()).isEqualTo("Song");
		assertThat(track.artists()).containsExactly("Alpha");
		assertThat(track.album()).isEqualTo(new ItemHistory.AlbumRef("record" + this.n, "Record"));
		assertThat(track.imageUrl()).isEqualTo("https://i.scdn.co/image/record");
		assertThat(track.plays()).isEqualTo(3);
		// 60 s + 120 s + the track's 200 s for the polled play without a length
		assertThat(track.minutes()).isEqualTo(6.3);
		assertThat(track.skippedListens()).isEqualTo(1);
		assertThat(track.firstPlayedAt()).isEqualTo("2024-01-15T12:00:00Z");
		assertThat(track.lastPlayedAt()).isEqualTo("2024-04-03T09:00:00Z");
		assertThat(track.timeZone()).isEqualTo("Europe/Berlin");
		assertThat(track.months()).extracting(ItemHistory.Month::month, ItemHistory.Month::plays)
			.containsExactly(tuple("2024-01", 1L), tuple("2024-02", 0L), tuple("2024-03", 0L), tuple("2024-04", 2L));
		assertThat(track.tracks()).isEmpty();

		ItemHistory albumHistory = this.analytics.albumHistory(this.user, "record" + this.n).orElseThrow();
		assertThat(albumHistory.name()).isEqualTo("Record");
		assertThat(albumHistory.artists()).containsExactly("Alpha");
		assertThat(albumHistory.plays()).isEqualTo(5);
		assertThat(albumHistory.skippedListens()).isEqualTo(1);
		assertThat(albumHistory.tracks()).extracting(ItemHistory.Track::name, ItemHistory.Track::plays)
			.containsExactly(tuple("Song", 3L), tuple("Exported Song", 1L), tuple("Other Song", 1L));
		assertThat(this.analytics.albumHistory(this.user, "local:album:record" + this.n).orElseThrow().plays())
			.isEqualTo(5);

		ItemHistory artist = this.analytics.artistHistory(this.user, "ALPHA").orElseThrow();
		assertThat(artist.name()).isEqualTo("Alpha");
		assertThat(artist.imageUrl()).isEqualTo("https://i.scdn.co/image/alpha");
		assertThat(artist.plays()).isEqualTo(5);
		assertThat(artist.skippedListens()).isEqualTo(1);
		assertThat(artist.months()).extracting(ItemHistory.Month::month, ItemHistory.Month::plays)
			.containsExactly(tuple("2024-01", 1L), tuple("2024-02", 0L), tuple("2024-03", 0L), tuple("2024-04", 4L));
		assertThat(artist.tracks()).extracting(ItemHistory.Track::name).startsWith("Song");

		// the other listener sees their own single play; unknown ids and names are empty
		assertThat(this.analytics.trackHistory(this.other, "song" + this.n).orElseThrow().plays()).isEqualTo(1);
		assertThat(this.analytics.trackHistory(this.other, "other" + this.n)).isEmpty();
		assertThat(this.analytics.trackHistory(this.user, "nothing" + this.n)).isEmpty();
		assertThat(this.analytics.artistHistory(this.user, "Nobody " + this.n)).isEmpty();
	}

	private int track(String spotifyId, String name, int album, Integer durationMs, int... artists) {
		int track = id("INSERT INTO tracks (spotify_id, name, album_id, duration_ms) VALUES (?, ?, ?, ?) RETURNING id",
				spotifyId, name, album, durationMs);
		for (int i = 0; i < artists.length; i++) {
			this.jdbc.update("INSERT INTO track_artists (track_id, position, artist_id) VALUES (?, ?, ?)", track, i,
					artists[i]);
		}
		return track;
	}

	private int id(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Integer.class, args);
	}

}
