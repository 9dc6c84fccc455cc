package org.spotifymcp.collector.imports;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
		await().atMost(Duration.ofSeconds(30))
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

}
