package org.spotifymcp.shared.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same listens in an extended export and in an account-data export count once,
 * whichever is imported first. The account-data file is what Spotify writes for the music
 * records of the real extended sample: the stream's end to the minute, artist, title and
 * milliseconds, no Spotify id. The naive expectation is the extended sample's own plays:
 * 300 records, 34 episodes, 2 exact repeats, 264 plays.
 */
@SpringBootTest(classes = SharedModelTestApplication.class)
class CrossFormatImportTest {

	private static final String EXTENDED = "extended-1/Streaming_History_Audio_2024_4.json";

	private static final long EXTENDED_PLAYS = 264;

	private static final DateTimeFormatter END_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final String ROWS = "SELECT p.played_at, t.spotify_id, p.ms_played, p.source FROM plays p"
			+ " JOIN tracks t ON t.id = p.track_id WHERE p.user_id = ? ORDER BY 1, 2";

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

	JdbcTemplate jdbc;

	ImportFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.fixtures = new ImportFixtures(this.jdbc, uploads);
	}

	@Test
	void accountDataAfterTheExtendedExportAddsNothing() throws Exception {
		int user = this.fixtures.newUser();
		Map<String, Object> extended = importFile(user, EXTENDED, extendedSample());
		assertThat(extended.get("records_inserted")).isEqualTo(EXTENDED_PLAYS);
		byte[] account = accountDataOf(extendedSample(), UnaryOperator.identity());
		Map<String, Object> job = importFile(user, "StreamingHistory_music_0.json", account);
		assertThat(job.get("records_processed")).isEqualTo(266L);
		assertThat(job.get("records_inserted")).isEqualTo(0L);
		assertThat(job.get("duplicates")).isEqualTo(266L);
		assertThat(this.fixtures.plays(user)).isEqualTo(EXTENDED_PLAYS);
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
	}

	@Test
	void extendedExportAfterAccountDataReplacesTheAccountPlays() throws Exception {
		int user = this.fixtures.newUser();
		Map<String, Object> account = importFile(user, "StreamingHistory_music_0.json",
				accountDataOf(extendedSample(), UnaryOperator.identity()));
		long accountPlays = (Long) account.get("records_inserted");
		// same track in the same minute is one play at minute precision
		assertThat(accountPlays).isEqualTo(262L);
		Map<String, Object> extended = importFile(user, EXTENDED, extendedSample());
		assertThat(extended.get("records_inserted")).isEqualTo(EXTENDED_PLAYS);
		assertThat(extended.get("replaced_account_plays")).isEqualTo(accountPlays);
		assertThat(this.fixtures.plays(user)).isEqualTo(EXTENDED_PLAYS);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM plays WHERE user_id = ? AND source = 3", Long.class,
				user))
			.isZero();
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
	}

	@Test
	void bothOrdersEndWithTheSameRowsAsTheExtendedExportAlone() throws Exception {
		int alone = this.fixtures.newUser();
		importFile(alone, EXTENDED, extendedSample());
		int accountFirst = this.fixtures.newUser();
		importFile(accountFirst, "StreamingHistory_music_0.json",
				accountDataOf(extendedSample(), UnaryOperator.identity()));
		importFile(accountFirst, EXTENDED, extendedSample());
		int extendedFirst = this.fixtures.newUser();
		importFile(extendedFirst, EXTENDED, extendedSample());
		importFile(extendedFirst, "StreamingHistory_music_0.json",
				accountDataOf(extendedSample(), UnaryOperator.identity()));
		List<Map<String, Object>> reference = this.jdbc.queryForList(ROWS, alone);
		assertThat(reference).hasSize((int) EXTENDED_PLAYS);
		assertThat(this.jdbc.queryForList(ROWS, accountFirst)).isEqualTo(reference);
		assertThat(this.jdbc.queryForList(ROWS, extendedFirst)).isEqualTo(reference);
	}

	@Test
	void namesMatchWhateverTheirCaseAndSpacing() throws Exception {
		int user = this.fixtures.newUser();
		importFile(user, EXTENDED, extendedSample());
		byte[] shouted = accountDataOf(extendedSample(),
				(name) -> "  " + name.toUpperCase(Locale.ROOT).replace(" ", "   ") + " ");
		Map<String, Object> job = importFile(user, "StreamingHistory_music_0.json", shouted);
		assertThat(job.get("records_inserted")).isEqualTo(0L);
		assertThat(this.fixtures.plays(user)).isEqualTo(EXTENDED_PLAYS);
	}

	@Test
	void oneArchiveWithAccountDataBeforeTheExtendedFilesCountsEachListenOnce() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("Spotify Account Data/StreamingHistory_music_0.json",
				accountDataOf(extendedSample(), UnaryOperator.identity()));
		entries.put("Spotify Extended Streaming History/Streaming_History_Audio_2024_4.json", extendedSample());
		int user = this.fixtures.newUser();
		Map<String, Object> job = importFile(user, "my_spotify_data.zip", HostileArchives.zip(entries));
		assertThat(job.get("format_detected")).isEqualTo("mixed");
		assertThat(this.fixtures.plays(user)).isEqualTo(EXTENDED_PLAYS);
		assertThat((Long) job.get("records_inserted") - (Long) job.get("replaced_account_plays"))
			.as("new plays net of the account plays they replaced")
			.isEqualTo(EXTENDED_PLAYS);
		assertThat(this.fixtures.rollupMismatches(user)).isEmpty();
	}

	@Test
	void accountDataOfOtherListensStillCounts() throws Exception {
		int user = this.fixtures.newUser();
		importFile(user, EXTENDED, extendedSample());
		Path other = ImportFixtures.EXPORTS.resolve("account-2/StreamingHistory_music_0.json");
		Map<String, Object> job = importFile(user, "StreamingHistory_music_0.json", Files.readAllBytes(other));
		assertThat(job.get("records_inserted")).isEqualTo(300L);
		assertThat(this.fixtures.plays(user)).isEqualTo(EXTENDED_PLAYS + 300);
	}

	private Map<String, Object> importFile(int user, String name, byte[] content) {
		long jobId = this.fixtures.jobFor(user, Path.of(name).getFileName().toString(), content);
		assertThat(this.importer.run(jobId)).contains(ImportStatus.SUCCESS);
		return this.fixtures.job(jobId);
	}

	private static byte[] extendedSample() throws Exception {
		return Files.readAllBytes(ImportFixtures.EXPORTS.resolve(EXTENDED));
	}

	/**
	 * The account-data records of an extended export's music records, in Spotify's
	 * account-data layout.
	 */
	@SuppressWarnings("unchecked")
	private static byte[] accountDataOf(byte[] extended, UnaryOperator<String> names) {
		JsonMapper json = JsonMapper.builder().build();
		List<Map<String, Object>> records = json.readValue(extended, List.class);
		List<Map<String, Object>> account = new ArrayList<>();
		for (Map<String, Object> record : records) {
			if (record.get("spotify_track_uri") == null) {
				// episodes go to StreamingHistory_podcast files
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("endTime", END_TIME.format(Instant.parse((String) record.get("ts"))));
			row.put("artistName", names.apply((String) record.get("master_metadata_album_artist_name")));
			row.put("trackName", names.apply((String) record.get("master_metadata_track_name")));
			row.put("msPlayed", record.get("ms_played"));
			account.add(row);
		}
		return json.writeValueAsBytes(account);
	}

}
