package org.spotifymcp.shared.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.jobs.JobRun;
import org.spotifymcp.shared.jobs.JobRunRepository;
import org.spotifymcp.shared.jobs.JobRunStatus;
import org.spotifymcp.shared.plays.PlaySource;
import org.spotifymcp.shared.sync.CheckpointStatus;
import org.spotifymcp.shared.sync.SyncCheckpoint;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway builds the schema on an empty database at start-up and Hibernate validates every
 * entity against it (the context would not start otherwise); then the constraints are
 * exercised. Plays and the catalog are written with plain SQL, as the two writers (polls
 * and imports) do.
 */
@SpringBootTest(classes = SharedModelTestApplication.class)
class SchemaTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserRepository users;

	@Autowired
	SyncCheckpointRepository checkpoints;

	@Autowired
	JobRunRepository jobRuns;

	@Test
	void everyTableOfTheModelExists() {
		assertThat(this.jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = 'public'", String.class))
			.contains("users", "spotify_tokens", "tracks", "artists", "albums", "track_artists", "plays", "play_extras",
					"sync_checkpoints", "coverage_gaps", "job_runs", "import_jobs", "logs", "mcp_tokens",
					"scheduled_tasks", "flyway_schema_history");
	}

	@Test
	void aPlayIsUniqueOnUserTimeAndTrack() {
		User user = this.users.save(new User("spotify-" + System.nanoTime(), "Ada", "Europe/Berlin"));
		int track = insertTrack("track-" + System.nanoTime(), 180_000);
		Instant at = Instant.parse("2026-03-01T10:00:00Z");
		insertPlay(user.getId(), at, track, PlaySource.API);
		assertThatThrownBy(() -> insertPlay(user.getId(), at, track, PlaySource.EXTENDED_EXPORT))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.jdbc.queryForList("select source from plays where user_id = ?", Short.class, user.getId()))
			.containsExactly(PlaySource.API.code());
	}

	@Test
	void thePrimaryKeyIsThePlaysTablesOnlyIndex() {
		assertThat(this.jdbc.queryForList("select indexdef from pg_indexes where tablename = 'plays'", String.class))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("(user_id, played_at, track_id)");
	}

	@Test
	void checkpointStatusesAreConstrained() {
		User user = this.users.save(new User(null, "Import only", null));
		SyncCheckpoint checkpoint = new SyncCheckpoint(user.getId());
		checkpoint.moveTo(CheckpointStatus.REAUTH_REQUIRED);
		this.checkpoints.saveAndFlush(checkpoint);
		assertThat(this.jdbc.queryForObject("select status from sync_checkpoints where user_id = ?", String.class,
				user.getId()))
			.isEqualTo("reauth_required");
		assertThatThrownBy(() -> this.jdbc.update("update sync_checkpoints set status = 'sleeping' where user_id = ?",
				user.getId()))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void jobStatsAreJsonb() {
		JobRun run = this.jobRuns.saveAndFlush(new JobRun("poll", null, "test"));
		run.finish(JobRunStatus.PARTIAL, Map.of("fetched", 50, "inserted", 48), null);
		this.jobRuns.saveAndFlush(run);
		assertThat(this.jdbc.queryForObject("select (stats->>'inserted')::int from job_runs where id = ?",
				Integer.class, run.getId()))
			.isEqualTo(48);
		assertThat(this.jobRuns.findById(run.getId()).orElseThrow().getStats()).containsEntry("fetched", 50);
	}

	@Test
	void deletingAUserRemovesTheirPlays() {
		User user = this.users.save(new User(null, "Leaving", null));
		int track = insertTrack("track-d-" + System.nanoTime(), null);
		insertPlay(user.getId(), Instant.now(), track, PlaySource.ACCOUNT_EXPORT);
		this.users.deleteById(user.getId());
		this.users.flush();
		assertThat(this.jdbc.queryForObject("select count(*) from plays where user_id = ?", Long.class, user.getId()))
			.isZero();
	}

	private int insertTrack(String spotifyId, Integer durationMs) {
		Integer album = this.jdbc.queryForObject(
				"insert into albums (spotify_id, name) values (?, 'Album') returning id", Integer.class,
				"album-of-" + spotifyId);
		return this.jdbc.queryForObject(
				"insert into tracks (spotify_id, name, album_id, duration_ms) values (?, 'Song', ?, ?) returning id",
				Integer.class, spotifyId, album, durationMs);
	}

	private void insertPlay(int userId, Instant at, int track, PlaySource source) {
		this.jdbc.update("insert into plays (played_at, user_id, track_id, ms_played, source) values (?, ?, ?, 1, ?)",
				Timestamp.from(at), userId, track, source.code());
	}

}
