package org.spotifymcp.shared.analytics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.rollups.PlayCountRule;
import org.spotifymcp.shared.rollups.PlayCountingProperties;
import org.spotifymcp.shared.rollups.RollupRebuild;
import org.spotifymcp.shared.rollups.RollupTool;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A listen counts as a play when it lasted 30 s or reached the end of a shorter track;
 * every listen is stored, the rollups count plays and keep skipped listens apart, the
 * tools report both, and a rebuild finds and repairs rollups that drifted from plays.
 */
@SpringBootTest(classes = SharedModelTestApplication.class)
class PlayCountingRuleTest {

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

	@Autowired
	RollupRebuild rebuild;

	@Autowired
	PlayCountRule rule;

	@Value("${spring.datasource.url}")
	String databaseUrl;

	private int user;

	private int song;

	private int jingle;

	private int unknown;

	private static final WindowRequest ALL_TIME = new WindowRequest(null, null, null, true, "UTC");

	/** Inside March: read from raw plays, not from month rollups. */
	private static final WindowRequest MID_MARCH = new WindowRequest(null, "2024-03-05", "2024-03-25", null, "UTC");

	/** The whole month: read from the month rollups. */
	private static final WindowRequest MARCH = new WindowRequest(null, "2024-03-01", "2024-03-31", null, "UTC");

	@BeforeEach
	void listens() {
		long n = System.nanoTime();
		this.user = id("INSERT INTO users (spotify_user_id, display_name) VALUES (?, 'Ada') RETURNING id", "ada" + n);
		int artist = id("INSERT INTO artists (spotify_id, name) VALUES (?, 'Alpha') RETURNING id", "alpha" + n);
		this.song = track("song", 200_000, artist);
		this.jingle = track("jingle", 20_000, artist);
		this.unknown = track("unknown", null, artist);
		// song: 0 ms and 29 s are skips, 30 s and a poll (no ms_played) are plays; the
		// 20 s jingle played to its end (within 2 s) is a play, 10 s of it a skip; a
		// track of unknown length counts from 30 s only.
		this.jdbc.update(
				"INSERT INTO plays (played_at, user_id, track_id, ms_played, source) VALUES"
						+ " ('2024-03-10T10:00:00Z', ?, ?, 0, 2), ('2024-03-10T10:01:00Z', ?, ?, 29000, 2),"
						+ " ('2024-03-10T10:02:00Z', ?, ?, 30000, 2), ('2024-03-10T10:03:00Z', ?, ?, NULL, 1),"
						+ " ('2024-03-11T10:00:00Z', ?, ?, 19000, 2), ('2024-03-11T10:01:00Z', ?, ?, 10000, 2),"
						+ " ('2024-03-12T10:00:00Z', ?, ?, 29000, 2), ('2024-03-12T10:01:00Z', ?, ?, 31000, 2)",
				this.user, this.song, this.user, this.song, this.user, this.song, this.user, this.song, this.user,
				this.jingle, this.user, this.jingle, this.user, this.unknown, this.user, this.unknown);
		RollupChecks.apply(this.jdbc, this.user);
	}

	@Test
	void shortListensAreStoredButNotCounted() {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM plays WHERE user_id = ?", Long.class, this.user))
			.isEqualTo(8);
		assertThat(this.jdbc.queryForList("SELECT track_id, plays FROM user_track_totals WHERE user_id = ?", this.user))
			.extracting((row) -> tuple(row.get("track_id"), row.get("plays")))
			.containsExactlyInAnyOrder(tuple(this.song, 2), tuple(this.jingle, 1), tuple(this.unknown, 1));
		assertThat(this.jdbc.queryForList("SELECT track_id, skips, ms_played FROM play_month_skips WHERE user_id = ?",
				this.user))
			.extracting((row) -> tuple(row.get("track_id"), row.get("skips"), row.get("ms_played")))
			.containsExactlyInAnyOrder(tuple(this.song, 2, 29000L), tuple(this.jingle, 1, 10000L),
					tuple(this.unknown, 1, 29000L));
		assertRollupsExact();

		for (WindowRequest window : List.of(ALL_TIME, MID_MARCH)) {
			TopTracks top = this.analytics.topTracks(this.user, window, 10);
			assertThat(top.totalPlays()).isEqualTo(4);
			assertThat(top.tracks()).extracting(TrackCount::name, TrackCount::plays)
				.containsExactly(tuple("song", 2L), tuple("jingle", 1L), tuple("unknown", 1L));
			SkipRates skips = this.analytics.skips(this.user, window, 10);
			assertThat(skips.playMinMs()).isEqualTo(30000);
			assertThat(skips.listens()).isEqualTo(8);
			assertThat(skips.plays()).isEqualTo(4);
			assertThat(skips.skippedListens()).isEqualTo(4);
			assertThat(skips.skipRate()).isEqualTo(0.5);
			assertThat(skips.skippedMinutes()).isEqualTo(1.1);
			assertThat(skips.tracks())
				.extracting(SkipRates.Skipped::name, SkipRates.Skipped::plays, SkipRates.Skipped::skippedListens,
						SkipRates.Skipped::skipRate)
				.containsExactly(tuple("song", 2L, 2L, 0.5), tuple("jingle", 1L, 1L, 0.5),
						tuple("unknown", 1L, 1L, 0.5));
			assertThat(skips.artists()).extracting(SkipRates.Skipped::name, SkipRates.Skipped::skippedListens)
				.containsExactly(tuple("Alpha", 4L));
		}
	}

	@Test
	void deletesAndImportsKeepSkipsExact() {
		this.jdbc.update("DELETE FROM plays WHERE user_id = ? AND ms_played = 0", this.user);
		RollupChecks.apply(this.jdbc, this.user);
		assertRollupsExact();
		// an import applies its range when it ends
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update(
					"INSERT INTO plays (played_at, user_id, track_id, ms_played, source) VALUES"
							+ " ('2024-04-01T10:00:00Z', ?, ?, 5000, 2), ('2024-04-01T11:00:00Z', ?, ?, 60000, 2)",
					this.user, this.song, this.user, this.song);
			this.jdbc.queryForList("SELECT apply_plays_to_rollups(?, '2024-04-01T10:00:00Z', '2024-04-01T11:00:00Z')",
					this.user);
		});
		assertRollupsExact();
		assertThat(this.analytics.skips(this.user, ALL_TIME, 10).skippedListens()).isEqualTo(4);
	}

	@Test
	void rebuildReportsAndRepairsRollupsThatDrifted() throws Exception {
		// a later play, so March alone is read from its month rows, not the all-time
		// totals
		this.jdbc.update("INSERT INTO plays (played_at, user_id, track_id, ms_played, source)"
				+ " VALUES ('2024-05-01T10:00:00Z', ?, ?, 60000, 2)", this.user, this.jingle);
		RollupChecks.apply(this.jdbc, this.user);
		assertThat(this.rebuild.rebuild(this.user)).allMatch((difference) -> difference.rows() == 0);
		this.jdbc.update("UPDATE play_month_tracks SET plays = plays + 5 WHERE user_id = ? AND track_id = ?", this.user,
				this.song);
		this.jdbc.update("DELETE FROM user_artist_totals WHERE user_id = ?", this.user);
		this.jdbc.update("DELETE FROM play_month_skips WHERE user_id = ? AND track_id = ?", this.user, this.jingle);
		assertThat(RollupChecks.mismatches(this.jdbc, "play_month_tracks", this.user)).hasSize(2);
		assertThat(topTracks(MARCH)).contains(tuple("song", 7L));

		String url = this.databaseUrl.replace("jdbc:postgresql://", "postgresql://postgres:@");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exit = new RollupTool(Map.of("DATABASE_URL", url), new PrintStream(out, true, StandardCharsets.UTF_8))
			.run(new String[] { "rebuild-rollups", "--user", Integer.toString(this.user) });
		assertThat(exit).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
				"user " + this.user + ": play_month_tracks had 2 row(s) that differed from plays",
				"user " + this.user + ": play_month_skips had 1 row(s) that differed from plays",
				"user " + this.user + ": user_artist_totals had 1 row(s) that differed from plays",
				"rebuilt the rollups of 1 user(s): 4 row(s) differed and were corrected");
		assertRollupsExact();
		assertThat(topTracks(MARCH)).contains(tuple("song", 2L));
		assertThat(this.rebuild.rebuild(this.user)).allMatch((difference) -> difference.rows() == 0);
	}

	@Test
	void aNewThresholdRecountsEveryRollup() {
		PlayCountRule lower = new PlayCountRule(this.jdbc, this.transactions, new PlayCountingProperties(20000, 2000));
		try {
			assertThat(lower.apply()).isTrue();
			assertThat(lower.apply()).as("unchanged").isFalse();
			assertRollupsExact();
			// 29 s now counts for the song and the unknown track
			assertThat(topTracks()).containsExactly(tuple("song", 3L), tuple("unknown", 2L), tuple("jingle", 1L));
		}
		finally {
			assertThat(this.rule.apply()).isTrue();
		}
		assertRollupsExact();
		assertThat(topTracks()).containsExactly(tuple("song", 2L), tuple("jingle", 1L), tuple("unknown", 1L));
	}

	private List<org.assertj.core.groups.Tuple> topTracks() {
		return topTracks(ALL_TIME);
	}

	private List<org.assertj.core.groups.Tuple> topTracks(WindowRequest window) {
		return this.analytics.topTracks(this.user, window, 10)
			.tracks()
			.stream()
			.map((track) -> tuple(track.name(), track.plays()))
			.toList();
	}

	private void assertRollupsExact() {
		RollupChecks.TABLES.forEach((table) -> assertThat(RollupChecks.mismatches(this.jdbc, table, this.user))
			.as(table + " equals its naive aggregation")
			.isEmpty());
	}

	private int track(String name, Integer durationMs, int artist) {
		int id = id("INSERT INTO tracks (spotify_id, name, duration_ms) VALUES (?, ?, ?) RETURNING id",
				name + System.nanoTime(), name, durationMs);
		this.jdbc.update("INSERT INTO track_artists (track_id, position, artist_id) VALUES (?, 0, ?)", id, artist);
		return id;
	}

	private int id(String sql, Object... args) {
		return this.jdbc.queryForList(sql, Integer.class, args).get(0);
	}

}
