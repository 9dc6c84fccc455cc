package org.spotifymcp.collector.imports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spotifymcp.shared.testing.SpotifyExportFixtures;
import org.spotifymcp.shared.imports.ExportImporter;
import org.spotifymcp.shared.imports.ImportIntake;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The collector runs queued imports on its job engine, resumes interrupted ones, survives
 * broken uploads, queues forgotten jobs and picks up the watch folder.
 */
@SpringBootTest
class ImportTaskTest {

	private static final Path EXPORTS = SpotifyExportFixtures.directory();

	@TempDir
	static Path uploads;

	@TempDir
	static Path watch;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.jobs.polling-interval", () -> "500ms");
		registry.add("app.import.upload-dir", () -> uploads.toString());
		registry.add("app.import.watch-dir", () -> watch.toString());
		registry.add("app.import.watch-interval", () -> "1h");
		registry.add("app.import-engine.batch-size", () -> "100");
		registry.add("app.import-retry.max-retries", () -> "1");
		registry.add("app.import-retry.backoff", () -> "500ms");
		registry.add("app.jobs.heartbeat-interval", () -> "1s");
		registry.add("app.jobs.missed-heartbeats-limit", () -> "4");
	}

	@Autowired
	ImportIntake intake;

	@Autowired
	ExportImporter importer;

	@Autowired
	JobQueue queue;

	@Autowired
	PendingImportRequeuer requeuer;

	@Autowired
	ImportWatchFolder watchFolder;

	@Autowired
	DataSource dataSource;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	JdbcTemplate jdbc;

	int user;

	@BeforeEach
	void setUp() {
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.user = newUser(null);
	}

	private int newUser(String spotifyId) {
		return this.jdbc.queryForObject(
				"INSERT INTO users (spotify_user_id, display_name) VALUES (?, 'collector test') RETURNING id",
				Integer.class, spotifyId);
	}

	private long upload(int userId, String fixture) throws Exception {
		try (InputStream content = Files.newInputStream(EXPORTS.resolve(fixture))) {
			return this.intake.accept(userId, Path.of(fixture).getFileName().toString(), content).getId();
		}
	}

	private Map<String, Object> awaitFinished(long jobId) {
		return awaitFinished(jobId, Duration.ofSeconds(30));
	}

	private Map<String, Object> awaitFinished(long jobId, Duration atMost) {
		await().atMost(atMost)
			.until(() -> List.of("success", "error")
				.contains(
						this.jdbc.queryForObject("SELECT status FROM import_jobs WHERE id = ?", String.class, jobId)));
		return this.jdbc.queryForMap("SELECT * FROM import_jobs WHERE id = ?", jobId);
	}

	@Test
	void anUploadIsImportedAndTheCheckpointRestored() throws Exception {
		this.jdbc.update("INSERT INTO sync_checkpoints (user_id, status) VALUES (?, 'polling')", this.user);
		Map<String, Object> job = awaitFinished(upload(this.user, "account-data.zip"));
		assertThat(job.get("status")).isEqualTo("success");
		assertThat(job.get("records_inserted")).isEqualTo(595L);
		assertThat(job.get("skipped")).isEqualTo(4L);
		// 595 plays and 4 skipped podcasts from 599 records, counted for the speed
		// metrics
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.meters.find("collector.import.records").tag("outcome", "success").counter().count())
				.isGreaterThanOrEqualTo(599));
		assertThat(this.meters.find("collector.import.duration").tag("outcome", "success").timer().count())
			.isPositive();
		assertThat(this.jdbc.queryForObject("SELECT status FROM sync_checkpoints WHERE user_id = ?", String.class,
				this.user))
			.isEqualTo("polling");
	}

	@Test
	void aBrokenUploadEndsInErrorAndTheCollectorGoesOn() throws Exception {
		long broken = this.intake
			.accept(this.user, "broken.zip", InputStream.nullInputStream().available() == 0
					? new java.io.ByteArrayInputStream("not a zip at all".getBytes()) : InputStream.nullInputStream())
			.getId();
		Map<String, Object> failed = awaitFinished(broken);
		assertThat(failed.get("status")).isEqualTo("error");
		assertThat((String) failed.get("error_message")).contains("broken.zip is not a readable ZIP archive");
		assertThat(awaitFinished(upload(this.user, "extended-2/Streaming_History_Video_2023.json")).get("status"))
			.isEqualTo("success");
	}

	@Test
	void anInterruptedImportIsResumedByTheTask() throws Exception {
		// stored but not queued yet, then "killed" after two committed batches
		long jobId = unqueuedJob("extended.zip");
		AtomicInteger batches = new AtomicInteger();
		assertThatThrownBy(() -> this.importer.run(jobId, (music, inserted, position) -> {
			if (batches.incrementAndGet() == 2) {
				throw new IllegalStateException("simulated crash");
			}
		})).hasMessageContaining("simulated crash");
		assertThat(this.jdbc.queryForObject("SELECT status FROM import_jobs WHERE id = ?", String.class, jobId))
			.isEqualTo("running");
		this.queue.runSoon(JobTasks.IMPORT_EXPORT, String.valueOf(jobId));
		Map<String, Object> job = awaitFinished(jobId);
		assertThat(job.get("status")).isEqualTo("success");
		assertThat(job.get("records_processed")).isEqualTo(929L);
		assertThat(job.get("records_inserted")).isEqualTo(877L);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM plays WHERE user_id = ?", Long.class, this.user))
			.isEqualTo(877L);
	}

	private long unqueuedJob(String fixture) throws Exception {
		String name = Path.of(fixture).getFileName().toString();
		Path stored = uploads.resolve("import-test-" + System.nanoTime() + "-" + name);
		Files.copy(EXPORTS.resolve(fixture), stored);
		return this.jdbc.queryForObject(
				"INSERT INTO import_jobs (user_id, original_filename, stored_path,"
						+ " file_size_bytes) VALUES (?, ?, ?, ?) RETURNING id",
				Long.class, this.user, name, stored.toString(), Files.size(stored));
	}

	@Test
	void pendingJobsWithoutAQueueEntryAreQueued() throws Exception {
		long jobId = unqueuedJob("account-2/StreamingHistory_music_0.json");
		assertThat(this.requeuer.requeueUnqueued()).isGreaterThanOrEqualTo(1);
		Map<String, Object> job = awaitFinished(jobId);
		assertThat(job.get("records_inserted")).isEqualTo(300L);
	}

	@Test
	void watchFolderZipsAreImportedOnce() throws Exception {
		int spotifyUser = newUser("watch-folder-user");
		Path byId = Files.createDirectories(watch.resolve(String.valueOf(this.user)));
		Path bySpotifyId = Files.createDirectories(watch.resolve("watch-folder-user"));
		Files.copy(EXPORTS.resolve("account-data.zip"), byId.resolve("export.zip"));
		Files.copy(EXPORTS.resolve("extended.zip"), bySpotifyId.resolve("my_spotify_data.zip"));
		FileTime settled = FileTime.from(Instant.now().minusSeconds(60));
		Files.setLastModifiedTime(byId.resolve("export.zip"), settled);
		Files.setLastModifiedTime(bySpotifyId.resolve("my_spotify_data.zip"), settled);
		Files.createDirectories(watch.resolve("nobody-known"));

		assertThat(this.watchFolder.scan()).isEqualTo(2);
		assertThat(this.watchFolder.scan()).as("already imported").isZero();
		long byIdJob = this.jdbc.queryForObject(
				"SELECT id FROM import_jobs WHERE user_id = ? AND" + " original_filename = 'export.zip'", Long.class,
				this.user);
		long bySpotifyJob = this.jdbc.queryForObject("SELECT id FROM import_jobs WHERE user_id = ?", Long.class,
				spotifyUser);
		assertThat(awaitFinished(byIdJob).get("records_inserted")).isEqualTo(595L);
		assertThat(awaitFinished(bySpotifyJob).get("records_inserted")).isEqualTo(877L);
	}

	private static byte[] json(String... records) {
		return ("[" + String.join(",", records) + "]").getBytes(StandardCharsets.UTF_8);
	}

	private static String record(String ts, String artist, String uri) {
		return "{\"ts\":\"" + ts + "\",\"ms_played\":1000,\"master_metadata_track_name\":\"Song\","
				+ "\"master_metadata_album_artist_name\":\"" + artist + "\",\"master_metadata_album_album_name\":\"B\","
				+ "\"spotify_track_uri\":\"" + uri + "\"}";
	}

	private static byte[] zip(String name, byte[] content) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry(name));
			zip.write(content);
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static String letters(int length) {
		String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		Random random = new Random(length);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	private long uploadBytes(String name, byte[] content) {
		return this.intake.accept(this.user, name, new ByteArrayInputStream(content)).getId();
	}

	/**
	 * Each of these sat in {@code running} forever (records 0, no error) while the job
	 * engine retried it, and the NUL and surrogate URIs left import threads waiting on a
	 * dead parser: every one ends as {@code error} naming the file, record and field, and
	 * a valid upload queued behind them still imports.
	 */
	@Test
	void hostileUploadsEndAsErrorAndBlockNoImportThread() throws Exception {
		String good = record("2020-01-01T10:00:00Z", "A", "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
		String audio = "Spotify Extended Streaming History/Streaming_History_Audio_2020.json";
		byte[] overlong = json(good, record("2020-01-01T11:00:00Z", "AC__DC", "spotify:track:4uLU6hMCjMI75M1A2tKUQD"));
		int at = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("__");
		overlong[at] = (byte) 0xC0;
		overlong[at + 1] = (byte) 0xAF;
		Map<String, byte[]> uploads = new LinkedHashMap<>();
		Map<String, String> expected = new LinkedHashMap<>();
		uploads.put("zip-named.json", zip(audio, json(good)));
		expected.put("zip-named.json", "zip-named.json is a ZIP archive, not a JSON history file");
		uploads.put("nested.zip", zip(audio, zip(audio, json(good))));
		expected.put("nested.zip", "nested.zip: " + audio + " is a ZIP archive, not a JSON history file");
		uploads.put("nul-ts.json",
				json(good, record("2020-01-01T11:00:00\\u0000Z", "A", "spotify:track:4uLU6hMCjMI75M1A2tKUQC")));
		expected.put("nul-ts.json", "nul-ts.json: record 1: 'ts' is not an ISO-8601 timestamp");
		for (int i = 1; i <= 5; i++) {
			// more than the engine's threads: none may be left waiting
			uploads.put("nul-uri-" + i + ".json",
					json(record("2020-01-01T11:00:00Z", "A", "spotify:track:4uLU6hMCjMI75M1A2tKU\\u0000" + i)));
			expected.put("nul-uri-" + i + ".json",
					"nul-uri-" + i + ".json: record 0: 'spotify_track_uri' is not a Spotify track URI");
		}
		uploads.put("surrogate.json",
				json(record("2020-01-01T11:00:00Z", "A", "spotify:track:4uLU6hMCjMI75M1A2tKU\\ud800Q")));
		expected.put("surrogate.json", "surrogate.json: record 0: 'spotify_track_uri' is not a Spotify track URI");
		uploads.put("artist.json",
				json(good, record("2020-01-01T11:00:00Z", letters(4000), "spotify:track:4uLU6hMCjMI75M1A2tKUQD")));
		expected.put("artist.json", "artist.json: record 1: 'master_metadata_album_artist_name' is 4000 bytes long");
		uploads.put("uri.json", json(record("2020-01-01T11:00:00Z", "A", "spotify:track:" + letters(3500))));
		expected.put("uri.json", "uri.json: record 0: 'spotify_track_uri' is not a Spotify track URI");
		uploads.put("overlong.json", overlong);
		expected.put("overlong.json", "overlong.json: record 1: invalid JSON (malformed UTF-8");

		Map<String, Long> jobs = new LinkedHashMap<>();
		uploads.forEach((name, content) -> jobs.put(name, uploadBytes(name, content)));
		long valid = upload(this.user, "account-2/StreamingHistory_music_0.json");

		Map<String, Object> validJob = awaitFinished(valid, Duration.ofSeconds(60));
		assertThat(validJob.get("status")).isEqualTo("success");
		assertThat(validJob.get("records_inserted")).isEqualTo(300L);
		jobs.forEach((name, jobId) -> {
			Map<String, Object> job = awaitFinished(jobId, Duration.ofSeconds(60));
			assertThat(job.get("status")).as(name).isEqualTo("error");
			assertThat((String) job.get("error_message")).as(name).contains(expected.get(name));
		});
	}

	@Test
	void anArchiveOfAHundredThousandEntriesIsRefusedQuickly() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(22 * 1024 * 1024);
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (int i = 0; i < 100_000; i++) {
				zip.putNextEntry(new ZipEntry(
						"Spotify Extended Streaming History/Streaming_History_Audio_2020_" + i + "_padding.json"));
				zip.write('[');
				zip.write(']');
				zip.closeEntry();
			}
		}
		long jobId = uploadBytes("many.zip", bytes.toByteArray());
		Map<String, Object> job = awaitFinished(jobId, Duration.ofSeconds(20));
		assertThat(job.get("status")).isEqualTo("error");
		assertThat((String) job.get("error_message")).contains("many.zip has too many files")
			.contains("IMPORT_MAX_ZIP_ENTRIES=5000");
		Timestamp started = (Timestamp) job.get("started_at");
		Timestamp finished = (Timestamp) job.get("finished_at");
		assertThat(Duration.between(started.toInstant(), finished.toInstant())).isLessThan(Duration.ofSeconds(5));
	}

	/**
	 * A run that keeps breaking (here: the database refuses every play with an internal
	 * error) is retried, then the job ends as error with the failure instead of staying
	 * running.
	 */
	@Test
	void aJobTheEngineGivesUpOnEndsAsError() throws Exception {
		this.jdbc.execute("""
				CREATE FUNCTION fail_plays_of_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.user_id = %1$d THEN
				        RAISE EXCEPTION 'disk on fire' USING ERRCODE = 'XX000';
				    END IF;
				    RETURN NEW;
				END $$""".formatted(this.user));
		this.jdbc.execute(
				"CREATE TRIGGER fail_plays_of_%1$d BEFORE INSERT ON plays FOR EACH ROW EXECUTE FUNCTION fail_plays_of_%1$d()"
					.formatted(this.user));
		try {
			long jobId = upload(this.user, "account-2/StreamingHistory_music_0.json");
			Map<String, Object> job = awaitFinished(jobId, Duration.ofSeconds(60));
			assertThat(job.get("status")).isEqualTo("error");
			assertThat((String) job.get("error_message")).contains("given up after 2 failed runs")
				.contains("disk on fire");
			assertThat(job.get("finished_at")).isNotNull();
			assertThat(Path.of((String) job.get("stored_path"))).as("the upload is deleted").doesNotExist();
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?", Long.class,
					JobTasks.IMPORT_EXPORT.getTaskName(), String.valueOf(jobId)))
				.isZero();
		}
		finally {
			this.jdbc.execute("DROP TRIGGER fail_plays_of_%1$d ON plays".formatted(this.user));
			this.jdbc.execute("DROP FUNCTION fail_plays_of_%1$d()".formatted(this.user));
		}
	}

	/**
	 * A collector that dies while importing (out of memory, killed) counts as a failed
	 * run, so an upload that kills every collector cannot loop forever.
	 */
	@Test
	void anImportWhoseCollectorsKeepDyingEndsAsError() throws Exception {
		long jobId = unqueuedJob("account-2/StreamingHistory_music_0.json");
		this.jdbc.update("UPDATE import_jobs SET status = 'running', started_at = now() WHERE id = ?", jobId);
		this.jdbc
			.update("""
					INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
					                             consecutive_failures, last_heartbeat, version, priority)
					VALUES (?, ?, now() - interval '1 hour', true, 'collector-that-died', 1, now() - interval '1 hour', 1, 90)""",
					JobTasks.IMPORT_EXPORT.getTaskName(), String.valueOf(jobId));
		Map<String, Object> job = awaitFinished(jobId, Duration.ofSeconds(60));
		assertThat(job.get("status")).isEqualTo("error");
		assertThat((String) job.get("error_message")).contains("given up after 2 failed runs")
			.contains("the collector running it stopped without finishing");
	}

}
