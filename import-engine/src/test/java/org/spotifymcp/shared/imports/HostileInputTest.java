package org.spotifymcp.shared.imports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every kind of broken or malicious upload ends its job as {@code error} with a message
 * naming the file (and the record where one applies), keeps rows committed before the
 * problem, and writes nothing outside the upload directory.
 */
@SpringBootTest(classes = SharedModelTestApplication.class)
class HostileInputTest {

	private static final String AUDIO = "Spotify Extended Streaming History/Streaming_History_Audio_2020.json";

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

	ImportFixtures fixtures;

	int user;

	@BeforeEach
	void setUp() {
		this.fixtures = new ImportFixtures(new JdbcTemplate(this.dataSource), uploads);
		this.user = this.fixtures.newUser();
	}

	private String failureOf(String uploadName, byte[] content) {
		long jobId = this.fixtures.jobFor(this.user, uploadName, content);
		// a hostile upload must end, not wait forever on a parser thread that died
		assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> this.importer.run(jobId)))
			.contains(ImportStatus.ERROR);
		Map<String, Object> job = this.fixtures.job(jobId);
		assertThat(job.get("status")).isEqualTo("error");
		assertThat(job.get("finished_at")).isNotNull();
		return (String) job.get("error_message");
	}

	private static byte[] records(String... records) {
		return ("[" + String.join(",", records) + "]").getBytes(StandardCharsets.UTF_8);
	}

	private static String record(String ts, String msPlayed, String trackName) {
		return "{\"ts\":" + ts + ",\"ms_played\":" + msPlayed + ",\"master_metadata_track_name\":" + trackName
				+ ",\"master_metadata_album_artist_name\":\"A\",\"master_metadata_album_album_name\":\"B\","
				+ "\"spotify_track_uri\":\"spotify:track:4uLU6hMCjMI75M1A2tKUQC\"}";
	}

	private static final String GOOD = record("\"2020-01-01T10:00:00Z\"", "1000", "\"Song\"");

	@Test
	void notAZip() {
		assertThat(failureOf("export.zip", "this is a PDF, honestly".getBytes(StandardCharsets.UTF_8)))
			.contains("export.zip is not a readable ZIP archive");
	}

	@Test
	void truncatedZip() throws Exception {
		byte[] whole = Files.readAllBytes(ImportFixtures.EXPORTS.resolve("extended.zip"));
		assertThat(failureOf("cut.zip", Arrays.copyOf(whole, whole.length / 2)))
			.contains("cut.zip is not a readable ZIP archive");
	}

	@Test
	void encryptedZip() {
		byte[] zip = HostileArchives.encrypted(HostileArchives.zip(Map.of(AUDIO, records(GOOD))));
		assertThat(failureOf("locked.zip", zip)).contains("locked.zip").containsIgnoringCase("encrypted");
	}

	@Test
	void zipBomb() {
		byte[] padding = new byte[32 * 1024 * 1024];
		Arrays.fill(padding, (byte) ' ');
		padding[0] = '[';
		padding[padding.length - 1] = ']';
		assertThat(failureOf("bomb.zip", HostileArchives.zip(Map.of(AUDIO, padding)))).contains("bomb.zip")
			.contains("Streaming_History_Audio_2020.json")
			.contains("zip bomb");
	}

	@Test
	void entryNamesThatClimbOutAreRefusedAndNothingIsWritten() throws Exception {
		Path outside = uploads.getParent().resolve("Streaming_History_Audio_2020.json");
		String message = failureOf("climb.zip",
				HostileArchives.zip(Map.of("../Streaming_History_Audio_2020.json", records(GOOD))));
		assertThat(message).contains("climb.zip").contains("'../Streaming_History_Audio_2020.json'").contains("unsafe");
		assertThat(outside).doesNotExist();
		try (Stream<Path> files = Files.list(uploads)) {
			assertThat(files).as("the upload itself is deleted, nothing else written").isEmpty();
		}
	}

	@Test
	void nestedZip() {
		byte[] inner = HostileArchives.zip(Map.of(AUDIO, records(GOOD)));
		assertThat(failureOf("outer.zip", HostileArchives.zip(Map.of("my_spotify_data.zip", inner))))
			.contains("outer.zip")
			.contains("'my_spotify_data.zip' is a nested archive");
	}

	@Test
	void notJson() {
		assertThat(failureOf("e.zip",
				HostileArchives.zip(Map.of(AUDIO, "<html>no</html>".getBytes(StandardCharsets.UTF_8)))))
			.contains("e.zip: " + AUDIO + ": record 0: invalid JSON");
	}

	@Test
	void truncatedJsonKeepsTheRecordsBeforeIt() throws Exception {
		byte[] whole = Files.readAllBytes(ImportFixtures.EXPORTS.resolve("extended-3/endsong_1.json"));
		byte[] half = Arrays.copyOf(whole, whole.length / 2);
		String message = failureOf("endsong_1.json", half);
		assertThat(message).startsWith("endsong_1.json: record ").contains("plays from");
		long plays = this.fixtures.plays(this.user);
		assertThat(plays).isBetween(100L, 160L);
	}

	@Test
	void wrongTypes() {
		assertThat(failureOf("types.json", records(GOOD, record("\"2020-01-01T11:00:00Z\"", "\"long\"", "\"S\""))))
			.contains("types.json: record 1: 'ms_played' must be a whole number");
	}

	@Test
	void absurdTimestamps() {
		assertThat(failureOf("old.json", records(record("\"1970-01-01T00:00:00Z\"", "1", "\"S\""))))
			.contains("old.json: record 0: timestamp 1970-01-01T00:00:00Z is implausible");
		assertThat(failureOf("future.json", records(GOOD, GOOD, record("\"2999-01-01T00:00:00Z\"", "1", "\"S\""))))
			.contains("future.json: record 2: timestamp 2999-01-01T00:00:00Z is implausible");
		assertThat(failureOf("garbled.json", records(record("\"yesterday\"", "1", "\"S\""))))
			.contains("garbled.json: record 0: 'ts' is not an ISO-8601 timestamp");
	}

	@Test
	void hugeStrings() {
		String long10k = "\"" + "x".repeat(10_000) + "\"";
		assertThat(failureOf("long.json", records(GOOD, record("\"2020-01-01T11:00:00Z\"", "1", long10k))))
			.contains("long.json: record 1: 'master_metadata_track_name' is 10000 characters long");
		String long1m = "\"" + "x".repeat(1_000_000) + "\"";
		assertThat(failureOf("huge.json", records(record("\"2020-01-01T11:00:00Z\"", "1", long1m))))
			.contains("huge.json: record 0: invalid JSON");
	}

	@Test
	void nonUtf8Bytes() {
		byte[] good = records(GOOD, record("\"2020-01-01T11:00:00Z\"", "1", "\"Caf__\""));
		String text = new String(good, StandardCharsets.ISO_8859_1);
		int at = text.indexOf("__");
		good[at] = (byte) 0xC3;
		good[at + 1] = (byte) 0x28;
		assertThat(failureOf("latin.json", good)).contains("latin.json: record 1: invalid JSON")
			.containsIgnoringCase("UTF-8");
	}

	@Test
	void emptyArchive() {
		assertThat(failureOf("empty.zip", HostileArchives.empty())).contains("empty.zip is an empty archive");
	}

	@Test
	void archiveWithoutHistoryFiles() {
		assertThat(failureOf("other.zip",
				HostileArchives
					.zip(Map.of("Spotify Account Data/Userdata.json", "{}".getBytes(StandardCharsets.UTF_8)))))
			.contains("other.zip holds no Spotify streaming history files");
	}

	@Test
	void emptyJsonFile() {
		assertThat(failureOf("StreamingHistory0.json", new byte[] { ' ' }))
			.contains("StreamingHistory0.json: the file is empty");
	}

	@Test
	void objectInsteadOfArray() {
		assertThat(failureOf("obj.json", "{\"ts\":1}".getBytes(StandardCharsets.UTF_8)))
			.contains("obj.json: expected a JSON array of records");
	}

	private static String recordWith(String ts, String artist, String uri) {
		return "{\"ts\":" + ts + ",\"ms_played\":1000,\"master_metadata_track_name\":\"Song\","
				+ "\"master_metadata_album_artist_name\":" + artist + ",\"master_metadata_album_album_name\":\"B\","
				+ "\"spotify_track_uri\":" + uri + "}";
	}

	/**
	 * Letters that do not compress, so PostgreSQL cannot squeeze them under its limits.
	 */
	private static String randomLetters(int length) {
		String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		Random random = new Random(length);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	@Test
	void zipUploadedUnderAJsonName() {
		byte[] zip = HostileArchives.zip(Map.of(AUDIO, records(GOOD)));
		assertThat(failureOf("Streaming_History_Audio_2020.json", zip))
			.contains("Streaming_History_Audio_2020.json is a ZIP archive, not a JSON history file")
			.contains("upload it under a .zip name");
	}

	@Test
	void nestedZipNamedJson() {
		byte[] inner = HostileArchives.zip(Map.of(AUDIO, records(GOOD)));
		assertThat(failureOf("outer.zip", HostileArchives.zip(Map.of(AUDIO, inner))))
			.contains("outer.zip: " + AUDIO + " is a ZIP archive, not a JSON history file (a nested archive)");
	}

	@Test
	void nulCharacterInTimestamp() {
		String message = failureOf("nul-ts.json", records(GOOD,
				recordWith("\"2020-01-01T11:00:00\\u0000Z\"", "\"A\"", "\"spotify:track:4uLU6hMCjMI75M1A2tKUQC\"")));
		assertThat(message).contains("nul-ts.json: record 1: 'ts' is not an ISO-8601 timestamp")
			.contains("\\u0000")
			.doesNotContain("\u0000");
		assertThat(this.fixtures.plays(this.user)).as("the record before it is kept").isEqualTo(1);
	}

	@Test
	void nulCharacterInTrackUri() {
		String message = failureOf("nul-uri.json", records(GOOD,
				recordWith("\"2020-01-01T11:00:00Z\"", "\"A\"", "\"spotify:track:4uLU6hMCjMI75M1A2t\\u0000QC\"")));
		assertThat(message).contains("nul-uri.json: record 1: 'spotify_track_uri' is not a Spotify track URI")
			.contains("\\u0000");
		assertThat(this.fixtures.plays(this.user)).isEqualTo(1);
	}

	@Test
	void loneSurrogateInTrackUri() {
		assertThat(failureOf("surrogate.json",
				records(recordWith("\"2020-01-01T11:00:00Z\"", "\"A\"",
						"\"spotify:track:4uLU6hMCjMI75M1A2t\\ud800QC\""))))
			.contains("surrogate.json: record 0: 'spotify_track_uri' is not a Spotify track URI")
			.contains("\\uD800");
	}

	@Test
	void artistNameLongerThanItsIndexAllows() {
		String artist = "\"" + randomLetters(4000) + "\"";
		assertThat(failureOf("artist.json",
				records(GOOD,
						recordWith("\"2020-01-01T11:00:00Z\"", artist, "\"spotify:track:4uLU6hMCjMI75M1A2tKUQD\""))))
			.contains("artist.json: record 1: 'master_metadata_album_artist_name' is 4000 bytes long in UTF-8, more"
					+ " than " + RecordParser.MAX_ARTIST_NAME_BYTES);
		assertThat(this.fixtures.plays(this.user)).isEqualTo(1);
	}

	@Test
	void trackUriLongerThanItsIndexAllows() {
		String uri = "\"spotify:track:" + randomLetters(3500) + "\"";
		assertThat(failureOf("uri.json", records(recordWith("\"2020-01-01T11:00:00Z\"", "\"A\"", uri))))
			.contains("uri.json: record 0: 'spotify_track_uri' is not a Spotify track URI")
			.contains("(3514 characters)");
	}

	@Test
	void overlongUtf8IsRefusedNotReadAsASlash() {
		byte[] content = records(GOOD, record("\"2020-01-01T11:00:00Z\"", "1", "\"AC__DC\""));
		int at = new String(content, StandardCharsets.ISO_8859_1).indexOf("__");
		content[at] = (byte) 0xC0;
		content[at + 1] = (byte) 0xAF;
		assertThat(failureOf("overlong.json", content))
			.contains("overlong.json: record 1: invalid JSON (malformed UTF-8: byte 0xC0 starts an overlong encoding")
			.contains("at byte " + at + " of the file");
		assertThat(this.fixtures.plays(this.user)).isEqualTo(1);
	}

	@Test
	void encodedSurrogatesAreRefused() {
		byte[] content = records(GOOD, record("\"2020-01-01T11:00:00Z\"", "1", "\"x___x\""));
		int at = new String(content, StandardCharsets.ISO_8859_1).indexOf("___");
		content[at] = (byte) 0xED;
		content[at + 1] = (byte) 0xA0;
		content[at + 2] = (byte) 0x80;
		assertThat(failureOf("cesu.json", content)).contains("cesu.json: record 1: invalid JSON (malformed UTF-8");
	}

	@Test
	void archiveOfAHundredThousandEntriesIsRefusedByTheEntryCap() {
		byte[] zip = HostileArchives.manyEntries(100_000);
		long started = System.nanoTime();
		String message = failureOf("many.zip", zip);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		assertThat(message).contains("many.zip has too many files")
			.contains("IMPORT_MAX_ZIP_ENTRIES=" + ImportEngineProperties.DEFAULT_MAX_ZIP_ENTRIES);
	}

	@Test
	void entryCapHoldsWhenTheArchiveUnderstatesItsEntries() {
		byte[] zip = HostileArchives
			.claimingEntries(HostileArchives.manyEntries(ImportEngineProperties.DEFAULT_MAX_ZIP_ENTRIES + 1), 10);
		assertThat(failureOf("liar.zip", zip)).contains("liar.zip has too many files")
			.contains("more than " + ImportEngineProperties.DEFAULT_MAX_ZIP_ENTRIES + " entries");
	}

	/**
	 * Should a value the reader lets through still be refused by PostgreSQL (a data
	 * exception, an index row too large), the job ends as error at once instead of being
	 * retried forever.
	 */
	@Test
	void dataTheDatabaseRefusesEndsTheJob() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("""
				CREATE FUNCTION refuse_plays_of_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.user_id = %1$d THEN
				        RAISE EXCEPTION 'index row size 4016 exceeds maximum 2704' USING ERRCODE = '54000';
				    END IF;
				    RETURN NEW;
				END $$""".formatted(this.user));
		jdbc.execute(("CREATE TRIGGER refuse_plays_of_%1$d BEFORE INSERT ON plays FOR EACH ROW"
				+ " EXECUTE FUNCTION refuse_plays_of_%1$d()")
			.formatted(this.user));
		try {
			assertThat(failureOf("refused.json", records(GOOD))).contains("refused.json: the database refused")
				.contains("exceeds maximum 2704");
		}
		finally {
			jdbc.execute("DROP TRIGGER refuse_plays_of_%1$d ON plays".formatted(this.user));
			jdbc.execute("DROP FUNCTION refuse_plays_of_%1$d()".formatted(this.user));
		}
	}

}
