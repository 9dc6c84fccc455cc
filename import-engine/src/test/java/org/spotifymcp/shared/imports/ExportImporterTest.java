package org.spotifymcp.shared.imports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spotifymcp.shared.config.ImportProperties;
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

/**
 * Imports the real export samples into PostgreSQL. Expected counts follow from the
 * fixture README: episodes (null track URI with episode fields) are skipped, every music
 * record is a play unless it repeats (user, played_at, track) exactly.
 */
@SpringBootTest(classes = SharedModelTestApplication.class)
class ExportImporterTest {

	@TempDir
	static Path uploads;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.import.upload-dir", () -> uploads.toString());
	}

	@Autowired
	ExportImporter importer;

	@Autowired
	DataSource dataSource;

	@Autowired
	ImportProperties properties;

	JdbcTemplate jdbc;

	ImportFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.fixtures = new ImportFixtures(this.jdbc, uploads);
	}

	/** records, skipped, inserted, duplicates, format after importing one export. */
	private Map<String, Object> importInto(int userId, Path export) {
		long jobId = this.fixtures.jobFor(userId, export);
		assertThat(this.importer.run(jobId)).contains(ImportStatus.SUCCESS);
		return this.fixtures.job(jobId);
	}

	private void assertCounts(String fixture, long records, long skipped, long inserted, long duplicates,
			String format) {
		assertCounts(fixture, records, skipped, 0, inserted, duplicates, format);
	}

	/**
	 * As above, with the skipped records split into episodes and records without any
	 * track, which together with the plays and duplicates add up to the records read.
	 */
	private void assertCounts(String fixture, long records, long episodes, long noTrack, long inserted, long duplicates,
			String format) {
		int user = this.fixtures.newUser();
		Map<String, Object> job = importInto(user, ImportFixtures.EXPORTS.resolve(fixture));
		assertThat(job.get("status")).isEqualTo("success");
		assertThat(job.get("records_processed")).as(fixture + " records").isEqualTo(records);
		assertThat(job.get("skipped_episodes")).as(fixture + " episodes").isEqualTo(episodes);
		assertThat(job.get("skipped_no_track")).as(fixture + " without a track").isEqualTo(noTrack);
		assertThat(job.get("skipped")).as(fixture + " skipped").isEqualTo(episodes + noTrack);
		assertThat(inserted + duplicates + episodes + noTrack).as(fixture + " counts add up").isEqualTo(records);
		assertThat(job.get("records_inserted")).as(fixture + " inserted").isEqualTo(inserted);
		assertThat(job.get("duplicates")).as(fixture + " duplicates").isEqualTo(duplicates);
		assertThat(job.get("format_detected")).as(fixture + " format").isEqualTo(format);
		assertThat(this.fixtures.plays(user)).as(fixture + " plays").isEqualTo(inserted);
	}

	@Test
	void extendedSampleSkipsItsEpisodesAndMergesExactRepeats() {
		// 300 records, 34 podcast episodes; two of the four shared ts values repeat the
		// same track
		assertCounts("extended-1/Streaming_History_Audio_2024_4.json", 300, 34, 264, 2, "extended");
	}

	@Test
	void perYearAudioFileWithAudiobookKeys() {
		// 300 records, 2 episodes; the shared ts belongs to two different tracks
		assertCounts("extended-2/Streaming_History_Audio_2026.json", 300, 2, 298, 0, "extended");
	}

	@Test
	void videoFileOfMusicTracksIsMusic() {
		assertCounts("extended-2/Streaming_History_Video_2023.json", 16, 0, 16, 0, "extended");
	}

	@Test
	void videoFileOfEpisodesIsAllSkipped() {
		assertCounts("extended-2/Streaming_History_Video_2026.json", 13, 13, 0, 0, "extended");
	}

	@Test
	void compactEndsongFileSkipsTheRecordWithoutAnyTrack() {
		assertCounts("extended-3/endsong_1.json", 300, 0, 1, 299, 0, "extended");
	}

	@Test
	void accountDataAtMinutePrecisionMergesSameTrackSameMinute() {
		// podcasts inside StreamingHistory0 look like music (show as artist): kept as
		// local tracks
		assertCounts("account-1/StreamingHistory0.json", 300, 0, 295, 5, "account_data");
	}

	@Test
	void newerAccountMusicFile() {
		assertCounts("account-2/StreamingHistory_music_0.json", 300, 0, 300, 0, "account_data");
	}

	@Test
	void accountPodcastFileIsAllSkipped() {
		assertCounts("account-2/StreamingHistory_podcast_0.json", 4, 4, 0, 0, "account_data");
	}

	@Test
	void extendedArchiveImportsAllItsFiles() {
		// 300 + 300 + 16 + 13 + 300 records; 34 + 2 + 13 episodes and 1 record without
		// any
		// track skipped; 2 exact repeats
		assertCounts("extended.zip", 929, 49, 1, 877, 2, "extended");
	}

	@Test
	void accountArchiveImportsAllItsFiles() {
		assertCounts("account-data.zip", 604, 4, 595, 5, "account_data");
	}

	@Test
	void reimportingTheSameArchiveAddsNothing() {
		int user = this.fixtures.newUser();
		importInto(user, ImportFixtures.EXPORTS.resolve("extended.zip"));
		Map<String, Object> again = importInto(user, ImportFixtures.EXPORTS.resolve("extended.zip"));
		assertThat(again.get("records_inserted")).isEqualTo(0L);
		assertThat(again.get("duplicates")).isEqualTo(879L);
		assertThat(this.fixtures.plays(user)).isEqualTo(877);
	}

	@Test
	void bothFormatsInOneArchiveAreMixed() throws Exception {
		int user = this.fixtures.newUser();
		byte[] zip = HostileArchives.zip(Map.of("a/StreamingHistory_music_0.json",
				Files.readAllBytes(ImportFixtures.EXPORTS.resolve("account-2/StreamingHistory_music_0.json")),
				"b/Streaming_History_Audio_2023.json",
				Files.readAllBytes(ImportFixtures.EXPORTS.resolve("extended-2/Streaming_History_Video_2023.json"))));
		long jobId = this.fixtures.jobFor(user, "my_spotify_data.zip", zip);
		assertThat(this.importer.run(jobId)).contains(ImportStatus.SUCCESS);
		Map<String, Object> job = this.fixtures.job(jobId);
		assertThat(job.get("format_detected")).isEqualTo("mixed");
		assertThat(job.get("records_inserted")).isEqualTo(316L);
	}

	@Test
	void formatIsShownFromTheFileNamesBeforeAnyRecordIsCommitted() {
		int user = this.fixtures.newUser();
		byte[] zip = HostileArchives.zip(Map.of("Spotify Extended Streaming History/Streaming_History_Audio_2024.json",
				"[{\"ts\": 12}]".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		long jobId = this.fixtures.jobFor(user, "my_spotify_data.zip", zip);
		assertThat(this.importer.run(jobId)).contains(ImportStatus.ERROR);
		Map<String, Object> job = this.fixtures.job(jobId);
		assertThat(job.get("records_inserted")).isEqualTo(0L);
		assertThat(job.get("format_detected")).isEqualTo("extended");
	}

	@Test
	void catalogRowsAreKeyedBySpotifyIdOrLocalHash() {
		int user = this.fixtures.newUser();
		importInto(user, ImportFixtures.EXPORTS.resolve("account-2/StreamingHistory_music_0.json"));
		importInto(user, ImportFixtures.EXPORTS.resolve("extended-2/Streaming_History_Video_2023.json"));
		List<String> keys = this.jdbc.queryForList("SELECT t.spotify_id FROM plays p JOIN tracks t ON t.id = p.track_id"
				+ " WHERE p.user_id = ? AND p.source = 3", String.class, user);
		assertThat(keys).allMatch((key) -> key.matches("local:[0-9a-f]{40}"));
		List<String> uris = this.jdbc.queryForList("SELECT t.spotify_id FROM plays p JOIN tracks t ON t.id = p.track_id"
				+ " WHERE p.user_id = ? AND p.source = 2", String.class, user);
		assertThat(uris).hasSize(16).allMatch((key) -> key.matches("[0-9A-Za-z]{22}"));
		// "Beyoncé" in account data: one artist row keyed by the lower-cased name
		assertThat(this.jdbc.queryForObject("SELECT spotify_id FROM artists WHERE name = 'Beyoncé'", String.class))
			.isEqualTo(CatalogKeys.artist("beyoncé"));
		Integer linked = this.jdbc.queryForObject("SELECT count(*) FROM tracks t WHERE NOT EXISTS"
				+ " (SELECT 1 FROM track_artists ta WHERE ta.track_id = t.id)", Integer.class);
		assertThat(linked).isZero();
	}

	@Test
	void polledPlaysOfTheSameListenAreNotDoubled() {
		int user = this.fixtures.newUser();
		// four polled plays of records in the sample: +30 s, -30 s, same second, +120 s
		polledPlay(user, "62E2nR0od0M5HYxuYLaDz7", "2024-09-15T17:35:36Z");
		polledPlay(user, "7wAkQFShJ27V8362MqevQr", "2024-09-15T17:39:05Z");
		polledPlay(user, "5ExOm0dh4NyRyAdSAO9hyM", "2024-09-15T17:43:12Z");
		polledPlay(user, "1xtw1krCR6Dw2KwkXw5z63", "2024-09-15T18:23:27Z");
		Map<String, Object> job = importInto(user,
				ImportFixtures.EXPORTS.resolve("extended-1/Streaming_History_Audio_2024_4.json"));
		// three within the 60 s tolerance are the same listens; the one 120 s away is
		// another
		assertThat(job.get("records_inserted")).isEqualTo(261L);
		assertThat(job.get("duplicates")).isEqualTo(5L);
		assertThat(this.fixtures.plays(user)).isEqualTo(265);
		Integer nearTrack = this.jdbc.queryForObject(
				"SELECT count(*) FROM plays p JOIN tracks t ON t.id = p.track_id"
						+ " WHERE p.user_id = ? AND t.spotify_id = '62E2nR0od0M5HYxuYLaDz7'"
						+ " AND p.played_at BETWEEN '2024-09-15T17:34:00Z' AND '2024-09-15T17:37:00Z'",
				Integer.class, user);
		assertThat(nearTrack).isEqualTo(1);
		// polled plays were rolled up by their writer, imported ones by the importer
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
	}

	/** An extended-format export file of {@code count} records. */
	private static byte[] export(int count, IntFunction<String> record) {
		return IntStream.range(0, count)
			.mapToObj(record)
			.collect(Collectors.joining(",", "[", "]"))
			.getBytes(StandardCharsets.UTF_8);
	}

	/** One extended-format music record on the album "LP". */
	private static String record(Instant ts, int msPlayed, String track, String artist, String trackId) {
		return "{\"ts\":\"" + ts + "\",\"ms_played\":" + msPlayed + ",\"master_metadata_track_name\":\"" + track
				+ "\",\"master_metadata_album_artist_name\":\"" + artist
				+ "\",\"master_metadata_album_album_name\":\"LP\",\"spotify_track_uri\":\"spotify:track:" + trackId
				+ "\"}";
	}

	private void polledPlay(int user, String spotifyId, String playedAt) {
		this.jdbc.update("INSERT INTO tracks (spotify_id, name) VALUES (?, 'polled') ON CONFLICT DO NOTHING",
				spotifyId);
		this.jdbc.update(
				"INSERT INTO plays (played_at, user_id, track_id, ms_played, source)"
						+ " SELECT ?::timestamptz, ?, id, 1000, 1 FROM tracks WHERE spotify_id = ?",
				playedAt, user, spotifyId);
		// what the collector's PlayWriter does after a page
		this.jdbc.queryForList("SELECT apply_plays_to_rollups(?, ?::timestamptz, ?::timestamptz)", user, playedAt,
				playedAt);
	}

	@Test
	void killedImportResumesToTheSameRowsAsACleanRun() {
		ImportEngineProperties small = new ImportEngineProperties(100, 1024, 200);
		ExportImporter batched = new ExportImporter(this.dataSource, this.properties, small, Clock.systemUTC(), "test");
		int clean = this.fixtures.newUser();
		long cleanJob = this.fixtures.jobFor(clean, ImportFixtures.EXPORTS.resolve("extended.zip"));
		assertThat(batched.run(cleanJob)).contains(ImportStatus.SUCCESS);

		int crashed = this.fixtures.newUser();
		long jobId = this.fixtures.jobFor(crashed, ImportFixtures.EXPORTS.resolve("extended.zip"));
		AtomicInteger batches = new AtomicInteger();
		assertThatThrownBy(() -> batched.run(jobId, (music, inserted, position) -> {
			if (batches.incrementAndGet() == 3) {
				throw new IllegalStateException("simulated crash after 3 batches");
			}
		})).hasMessageContaining("simulated crash");
		Map<String, Object> halfway = this.fixtures.job(jobId);
		assertThat(halfway.get("status")).isEqualTo("running");
		assertThat((Long) halfway.get("records_inserted")).isBetween(250L, 300L);
		assertThat(this.fixtures.plays(crashed)).isEqualTo((Long) halfway.get("records_inserted"));

		assertThat(batched.run(jobId)).contains(ImportStatus.SUCCESS);
		Map<String, Object> resumed = this.fixtures.job(jobId);
		Map<String, Object> reference = this.fixtures.job(cleanJob);
		for (String counter : List.of("records_processed", "records_inserted", "duplicates", "skipped",
				"earliest_played_at", "latest_played_at", "format_detected")) {
			assertThat(resumed.get(counter)).as(counter).isEqualTo(reference.get(counter));
		}
		String rows = "SELECT p.played_at, t.spotify_id, p.ms_played, p.source FROM plays p"
				+ " JOIN tracks t ON t.id = p.track_id WHERE p.user_id = ? ORDER BY 1, 2";
		assertThat(this.jdbc.queryForList(rows, crashed)).isEqualTo(this.jdbc.queryForList(rows, clean)).hasSize(877);
		assertThat(this.fixtures.rollupMismatches(clean)).isEmpty();
		assertThat(this.fixtures.rollupMismatches(crashed)).isEmpty();
	}

	/**
	 * A user without plays gets the batches copied straight into plays; a play written
	 * meanwhile with the key of a later batch's record (a poll) sends that batch through
	 * the checked path instead of failing the job.
	 */
	@Test
	void aPlayWrittenDuringTheImportIsNotDoubledNorFatal() {
		Instant start = Instant.parse("2024-03-01T08:00:00Z");
		byte[] records = export(300,
				(i) -> record(start.plusSeconds(300L * i), 200000, "Song", "Band", "4uLU6hMCjMI75M1A2tKUQC"));
		int user = this.fixtures.newUser();
		long jobId = this.fixtures.jobFor(user, "Streaming_History_Audio_2024.json", records);
		ExportImporter batched = new ExportImporter(this.dataSource, this.properties,
				new ImportEngineProperties(100, 1024, 200), Clock.systemUTC(), "test");
		AtomicInteger batches = new AtomicInteger();
		assertThat(batched.run(jobId, (music, inserted, position) -> {
			if (batches.incrementAndGet() == 1) {
				// what a poll writes: the listen of record 250, in the third batch
				this.jdbc.update(
						"INSERT INTO plays (played_at, user_id, track_id, ms_played, source)"
								+ " SELECT ?, ?, id, 1000, 1 FROM tracks WHERE spotify_id = '4uLU6hMCjMI75M1A2tKUQC'",
						Timestamp.from(start.plusSeconds(300L * 250)), user);
				RollupChecks.apply(this.jdbc, user);
			}
		})).contains(ImportStatus.SUCCESS);
		Map<String, Object> job = this.fixtures.job(jobId);
		assertThat(job.get("records_inserted")).isEqualTo(299L);
		assertThat(job.get("duplicates")).isEqualTo(1L);
		assertThat(this.fixtures.plays(user)).isEqualTo(300);
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
	}

	/**
	 * A long export that goes back in time: its first batches are copied straight into
	 * plays, those that return to months already written take the checked path; the
	 * rollups end exact.
	 */
	@Test
	void aLongImportThatGoesBackInTimeEndsWithExactRollups() {
		Instant start = Instant.parse("2022-01-03T10:00:00Z");
		byte[] records = export(600, (i) -> {
			// 16 months forward, then back to the start and forward again
			Instant ts = (i < 400) ? start.plus(Duration.ofHours(29L * i))
					: start.plus(Duration.ofHours(58L * (i - 400) + 1));
			return record(ts, (i % 7 == 0) ? 5000 : 200000, "Song " + i % 5, "Band " + i % 3,
					"4uLU6hMCjMI75M1A2tKUQ" + i % 5);
		});
		int user = this.fixtures.newUser();
		long jobId = this.fixtures.jobFor(user, "Streaming_History_Audio_2022.json", records);
		ExportImporter batched = new ExportImporter(this.dataSource, this.properties,
				new ImportEngineProperties(100, 1024, 200), Clock.systemUTC(), "test");
		assertThat(batched.run(jobId)).contains(ImportStatus.SUCCESS);
		assertThat(this.fixtures.job(jobId).get("records_inserted")).isEqualTo(600L);
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
	}

	/**
	 * An import that adds many plays leaves fresh planner statistics behind (pages read
	 * months by key only once the planner knows the rollups' sizes); a small one does not
	 * pay for ANALYZE.
	 */
	@Test
	void aLargeImportRefreshesThePlannerStatistics() throws Exception {
		Instant before = this.jdbc.queryForObject("SELECT now()", Instant.class);
		Instant start = Instant.parse("2019-01-01T00:00:00Z");
		byte[] records = export(ImportJobs.ANALYZE_AFTER_PLAYS, (i) -> record(start.plus(Duration.ofMinutes(7L * i)),
				200000, "Song " + i % 50, "Band", "5uLU6hMCjMI75M1A2tKU" + (10 + i % 50)));
		int user = this.fixtures.newUser();
		long jobId = this.fixtures.jobFor(user, "Streaming_History_Audio_2019.json", records);
		assertThat(this.importer.run(jobId)).contains(ImportStatus.SUCCESS);
		assertThat(this.fixtures.job(jobId).get("records_inserted")).isEqualTo((long) ImportJobs.ANALYZE_AFTER_PLAYS);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		Instant analyzed = null;
		while (System.nanoTime() < deadline) {
			analyzed = this.jdbc.queryForObject(
					"SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'play_hour_totals'", Instant.class);
			if (analyzed != null && !analyzed.isBefore(before)) {
				break;
			}
			Thread.sleep(100);
		}
		assertThat(analyzed).as("play_hour_totals analyzed by the import").isNotNull().isAfterOrEqualTo(before);
	}

	@Test
	void recordCapStopsWithAnErrorAndKeepsWhatWasCommitted() {
		ImportProperties capped = new ImportProperties(uploads.toString(), null, 500, 500, false, 60);
		ExportImporter importer = new ExportImporter(this.dataSource, capped,
				new ImportEngineProperties(100, 1024, 200), Clock.systemUTC(), "test");
		int user = this.fixtures.newUser();
		long jobId = this.fixtures.jobFor(user, ImportFixtures.EXPORTS.resolve("extended.zip"));
		assertThat(importer.run(jobId)).contains(ImportStatus.ERROR);
		Map<String, Object> job = this.fixtures.job(jobId);
		assertThat(job.get("records_processed")).isEqualTo(500L);
		assertThat((String) job.get("error_message")).contains("IMPORT_MAX_RECORDS=500")
			.contains(job.get("records_inserted") + " plays from 500 records");
		assertThat(this.fixtures.plays(user)).isEqualTo((Long) job.get("records_inserted")).isPositive();
		// a job that stops still rolls up what it committed
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
	}

	@Test
	void rollupsStayExactThroughImportsPollsDeletesAndReimports() {
		int user = this.fixtures.newUser();
		// a half-hour zone: some UTC hours straddle local midnight and are split by plays
		this.jdbc.update("UPDATE users SET time_zone = 'Asia/Kolkata' WHERE id = ?", user);
		importInto(user, ImportFixtures.EXPORTS.resolve("extended.zip"));
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
		// every listen is stored: counted as a play or kept apart as a skip (the export
		// holds both)
		long skipped = this.jdbc.queryForObject("SELECT sum(skips) FROM play_month_skips WHERE user_id = ?", Long.class,
				user);
		assertThat(skipped).isPositive();
		assertThat(
				this.jdbc.queryForObject("SELECT sum(plays) FROM user_track_totals WHERE user_id = ?", Long.class, user)
						+ skipped)
			.isEqualTo(this.fixtures.plays(user));
		// a poll (triggers) on top of imported months, of a track the import brought
		this.jdbc.update("INSERT INTO plays (played_at, user_id, track_id, ms_played, source)"
				+ " SELECT '2024-09-15T12:00:00Z', ?, id, NULL, 1 FROM tracks WHERE spotify_id = '62E2nR0od0M5HYxuYLaDz7'",
				user);
		this.jdbc.queryForList("SELECT apply_plays_to_rollups(?, '2024-09-15T12:00:00Z', '2024-09-15T12:00:00Z')",
				user);
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
		// deleting some plays (the first play of a track among them) and re-importing the
		// account-data archive on top
		this.jdbc.update("DELETE FROM plays WHERE user_id = ? AND played_at < '2024-09-15T18:00:00Z'", user);
		RollupChecks.apply(this.jdbc, user);
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
		importInto(user, ImportFixtures.EXPORTS.resolve("extended.zip"));
		importInto(user, ImportFixtures.EXPORTS.resolve("account-data.zip"));
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
		// a deleted user's rollups go with the user
		this.jdbc.update("DELETE FROM users WHERE id = ?", user);
		assertThat(this.jdbc.queryForObject(
				"SELECT (SELECT count(*) FROM play_hour_totals WHERE user_id = ?)"
						+ " + (SELECT count(*) FROM play_month_tracks WHERE user_id = ?)"
						+ " + (SELECT count(*) FROM user_track_totals WHERE user_id = ?)"
						+ " + (SELECT count(*) FROM play_month_skips WHERE user_id = ?)",
				Long.class, user, user, user, user))
			.isZero();
	}

	@Test
	void extraFieldsAreKeptOnlyWhenAskedAndPersonalFieldsNever() {
		int without = this.fixtures.newUser();
		importInto(without, ImportFixtures.EXPORTS.resolve("extended-3/endsong_1.json"));
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM play_extras WHERE user_id = ?", Integer.class, without))
			.isZero();

		ImportProperties keep = new ImportProperties(uploads.toString(), null, 500, 5000000, true, 60);
		ExportImporter keeping = new ExportImporter(this.dataSource, keep, ImportEngineProperties.defaults(),
				Clock.systemUTC(), "test");
		int with = this.fixtures.newUser();
		assertThat(keeping.run(this.fixtures.jobFor(with, ImportFixtures.EXPORTS.resolve("extended-3/endsong_1.json"))))
			.contains(ImportStatus.SUCCESS);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM play_extras WHERE user_id = ?", Integer.class, with))
			.isEqualTo(299);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM play_extras WHERE user_id = ? AND conn_country = 'CA'", Integer.class, with))
			.isEqualTo(1);
		// nothing anywhere holds the redacted personal values
		String dump = this.jdbc.queryForList("SELECT e::text FROM play_extras e WHERE user_id = ?", String.class, with)
			.toString();
		assertThat(dump).doesNotContain("203.0.113").doesNotContain("redacted-user");
	}

	@Test
	void uploadIsDeletedOnceImported() {
		int user = this.fixtures.newUser();
		long jobId = this.fixtures.jobFor(user, ImportFixtures.EXPORTS.resolve("account-data.zip"));
		String stored = (String) this.fixtures.job(jobId).get("stored_path");
		this.importer.run(jobId);
		assertThat(Path.of(stored)).doesNotExist();
		assertThat(this.importer.run(jobId)).as("a finished job is not run twice").contains(ImportStatus.SUCCESS);
		assertThat(this.fixtures.plays(user)).isEqualTo(595);
	}

	@Test
	void aJobThatNoLongerExistsHasNoStatus() {
		assertThat(this.importer.run(Long.MAX_VALUE)).isEmpty();
	}

}
