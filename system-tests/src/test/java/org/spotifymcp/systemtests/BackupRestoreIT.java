package org.spotifymcp.systemtests;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/backup.sh} and {@code scripts/restore.sh} against a real PostgreSQL with
 * the project's schema and a little of every kind of data. The server's major version is
 * the one of the installed client tools (Debian bookworm ships pg_dump 15), which is what
 * a host-side backup needs too; with compose, {@code --compose} uses the container's
 * tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreIT {

	private static final List<String> MAIN_TABLES = List.of("users", "spotify_tokens", "artists", "albums", "tracks",
			"track_artists", "plays", "sync_checkpoints", "job_runs", "import_jobs", "logs", "mcp_tokens");

	@TempDir
	Path directory;

	private EmbeddedPostgres postgres;

	@BeforeAll
	void startPostgres() throws IOException {
		ProjectFiles.requiredProgram("pg_dump", "apt-get install postgresql-client");
		ProjectFiles.requiredProgram("pg_restore", "apt-get install postgresql-client");
		ProjectFiles.requiredProgram("psql", "apt-get install postgresql-client");
		Path binaries = Path.of(System.getProperty("backup.postgres.binaries",
				"target/backup-test-postgres/postgres-binaries-backup-test.jar"));
		assertThat(binaries).as("PostgreSQL binaries copied by the build").isRegularFile();
		this.postgres = EmbeddedPostgres.builder().setPgBinaryResolver(fromJar(binaries)).start();
	}

	@AfterAll
	void stopPostgres() throws IOException {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void aBackupRestoresIntoAnEmptyDatabaseWithEveryRow() throws Exception {
		DataSource source = createDatabase("backup_source");
		Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
		fill(source);
		Map<String, Long> sourceCounts = counts(source);
		assertThat(sourceCounts.get("plays")).isEqualTo(5);

		Path dump = this.directory.resolve("backups/nightly.dump");
		ExternalProcess.Result backup = script("backup.sh", "backup_source", dump.toString());
		assertThat(backup.exitCode()).as(backup.output()).isZero();
		assertThat(dump).isRegularFile();
		assertThat(new String(Files.readAllBytes(dump), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
			.as("pg_dump custom format magic")
			.isEqualTo("PGDMP");
		assertThat(backup.output()).containsPattern("public\\.plays\\s+5 rows")
			.containsPattern("public\\.users\\s+2 rows")
			.contains("backup complete");
		assertThat(Files.exists(Path.of(dump + ".partial"))).isFalse();

		DataSource restored = createDatabase("backup_restored");
		ExternalProcess.Result restore = script("restore.sh", "backup_restored", dump.toString());
		assertThat(restore.exitCode()).as(restore.output()).isZero();
		assertThat(restore.output()).containsPattern("public\\.plays\\s+5 rows  ok")
			.contains("restore complete: every table matches the dump")
			.doesNotContain("MISMATCH");
		assertThat(counts(restored)).isEqualTo(sourceCounts);
		assertThat(rows(restored, "select user_id, played_at, track_id, ms_played, source from plays order by 1, 2, 3"))
			.isEqualTo(
					rows(source, "select user_id, played_at, track_id, ms_played, source from plays order by 1, 2, 3"));
		assertThat(rows(restored, "select name from tracks order by id"))
			.isEqualTo(rows(source, "select name from tracks order by id"));
		assertThat(rows(restored, "select stats::text from job_runs order by id"))
			.isEqualTo(rows(source, "select stats::text from job_runs order by id"));
		// identity sequences continue after the restored rows
		try (Connection connection = restored.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("insert into users (spotify_user_id) values ('after-restore')");
		}
	}

	@Test
	void restoreRefusesADatabaseThatIsNotEmpty() throws Exception {
		DataSource source = createDatabase("backup_busy");
		Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
		Path dump = this.directory.resolve("busy.dump");
		assertThat(script("backup.sh", "backup_busy", dump.toString()).exitCode()).isZero();

		ExternalProcess.Result restore = script("restore.sh", "backup_busy", dump.toString());
		assertThat(restore.exitCode()).isNotZero();
		assertThat(restore.output()).contains("the target database is not empty");
	}

	/**
	 * {@code --compose} runs the tools through {@code PG_EXEC} (normally {@code docker
	 * compose exec -T postgres}) with the dump streamed over stdin/stdout; here PG_EXEC
	 * stands in for the container with {@code env}, pointing the socket-less URL at this
	 * server.
	 */
	@Test
	void theComposeShortcutStreamsThroughPgExec() throws Exception {
		DataSource source = freshSpotifyDatabase();
		Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
		fill(source);
		Map<String, String> container = Map.of("PG_EXEC", "env PGHOST=127.0.0.1 PGPORT=" + this.postgres.getPort(),
				"POSTGRES_USER", "postgres");
		Path dump = this.directory.resolve("compose.dump");
		ExternalProcess.Result backup = ExternalProcess.run(
				List.of("bash", ProjectFiles.file("scripts/backup.sh").toString(), "--compose", dump.toString()),
				container, this.directory, Duration.ofSeconds(120));
		assertThat(backup.exitCode()).as(backup.output()).isZero();
		assertThat(backup.output()).containsPattern("public\\.plays\\s+5 rows");

		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("drop database spotify");
			statement.execute("create database spotify");
		}
		ExternalProcess.Result restore = ExternalProcess.run(
				List.of("bash", ProjectFiles.file("scripts/restore.sh").toString(), "--compose", dump.toString()),
				container, this.directory, Duration.ofSeconds(120));
		assertThat(restore.exitCode()).as(restore.output()).isZero();
		assertThat(restore.output()).contains("restore complete: every table matches the dump");
		assertThat(counts(this.postgres.getDatabase("postgres", "spotify")).get("plays")).isEqualTo(5);
	}

	/**
	 * Debian's docker CLI may lack the Compose v2 plugin while Compose v1
	 * ({@code docker-compose} 1.29, which the deployment guide supports) is installed:
	 * {@code docker compose exec -T} then fails with "unknown shorthand flag: 'T'", so
	 * {@code --compose} must use {@code docker-compose}. The fakes stand in for the
	 * container the way {@code PG_EXEC=env …} does above, and log how they were called.
	 */
	@Test
	void theComposeShortcutUsesComposeV1WhenDockerHasNoComposePlugin() throws Exception {
		DataSource source = freshSpotifyDatabase();
		Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
		fill(source);
		Path bin = Files.createDirectories(this.directory.resolve("compose-v1-bin"));
		executable(bin.resolve("docker"), """
				#!/bin/sh
				echo "docker $*" >>"$CALLS"
				if [ "$1" = compose ]; then
				  case "$*" in *" -T"*) echo "unknown shorthand flag: 'T' in -T" >&2; exit 125 ;; esac
				  echo "docker: 'compose' is not a docker command." >&2; exit 1
				fi
				exit 1
				""");
		executable(bin.resolve("docker-compose"), containerStandIn("docker-compose"));
		Path calls = this.directory.resolve("compose-v1-calls.log");

		Path dump = this.directory.resolve("compose-v1.dump");
		ExternalProcess.Result backup = ExternalProcess.run(
				List.of("bash", ProjectFiles.file("scripts/backup.sh").toString(), "--compose", dump.toString()),
				withFakes(bin, calls), this.directory, Duration.ofSeconds(120));
		assertThat(backup.exitCode()).as(backup.output()).isZero();
		assertThat(backup.output()).containsPattern("public\\.plays\\s+5 rows").doesNotContain("unknown shorthand");
		assertThat(Files.readString(calls)).contains("docker-compose exec -T postgres pg_dump")
			.doesNotContain("docker compose exec");

		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("drop database spotify");
			statement.execute("create database spotify");
		}
		ExternalProcess.Result restore = ExternalProcess.run(
				List.of("bash", ProjectFiles.file("scripts/restore.sh").toString(), "--compose", dump.toString()),
				withFakes(bin, calls), this.directory, Duration.ofSeconds(120));
		assertThat(restore.exitCode()).as(restore.output()).isZero();
		assertThat(restore.output()).contains("restore complete: every table matches the dump");
		assertThat(Files.readString(calls)).contains("docker-compose exec -T postgres pg_restore");
	}

	@Test
	void theComposeShortcutPrefersTheDockerComposePlugin() throws Exception {
		DataSource source = freshSpotifyDatabase();
		Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
		fill(source);
		Path bin = Files.createDirectories(this.directory.resolve("compose-v2-bin"));
		executable(bin.resolve("docker"), containerStandIn("docker").replace("#!/bin/sh\n", """
				#!/bin/sh
				[ "$1" = compose ] || exit 1
				shift
				[ "$1" = version ] && { echo "Docker Compose version v2.27.0"; exit 0; }
				"""));
		executable(bin.resolve("docker-compose"), "#!/bin/sh\necho \"docker-compose $*\" >>\"$CALLS\"\nexit 1\n");
		Path calls = this.directory.resolve("compose-v2-calls.log");

		ExternalProcess.Result backup = ExternalProcess.run(
				List.of("bash", ProjectFiles.file("scripts/backup.sh").toString(), "--compose",
						this.directory.resolve("compose-v2.dump").toString()),
				withFakes(bin, calls), this.directory, Duration.ofSeconds(120));
		assertThat(backup.exitCode()).as(backup.output()).isZero();
		assertThat(Files.readString(calls)).contains("docker exec -T postgres pg_dump")
			.doesNotContain("docker-compose");
	}

	@Test
	void theComposeShortcutSaysSoWhenNoComposeWorks() throws Exception {
		// only the programs the script needs before it looks for Compose, and a docker
		// without the plugin
		Path bin = Files.createDirectories(this.directory.resolve("no-compose-bin"));
		for (String program : List.of("dirname", "sed", "tail", "tr", "date", "mkdir", "rm", "env")) {
			Files.createSymbolicLink(bin.resolve(program), ProjectFiles.requiredProgram(program, "coreutils"));
		}
		executable(bin.resolve("docker"),
				"#!/bin/sh\necho \"docker: 'compose' is not a docker command.\" >&2\nexit 1\n");
		ExternalProcess.Result backup = ExternalProcess.run(
				List.of(ProjectFiles.requiredProgram("bash", "bash").toString(),
						ProjectFiles.file("scripts/backup.sh").toString(), "--compose",
						this.directory.resolve("none.dump").toString()),
				Map.of("PATH", bin.toString()), this.directory, Duration.ofSeconds(60));
		assertThat(backup.exitCode()).isNotZero();
		assertThat(backup.output()).contains("--compose needs Docker Compose")
			.contains("'docker compose'")
			.contains("'docker-compose'")
			.doesNotContain("unknown shorthand");
		assertThat(this.directory.resolve("none.dump")).doesNotExist();
	}

	@Test
	void aFailureInsideTheContainerIsNotBlamedOnTheClientVersion() throws Exception {
		Path bin = Files.createDirectories(this.directory.resolve("compose-down-bin"));
		executable(bin.resolve("docker"), "#!/bin/sh\nexit 1\n");
		executable(bin.resolve("docker-compose"),
				"#!/bin/sh\necho 'ERROR: No container found for postgres_1' >&2\nexit 1\n");
		ExternalProcess.Result backup = ExternalProcess.run(
				List.of("bash", ProjectFiles.file("scripts/backup.sh").toString(), "--compose",
						this.directory.resolve("down.dump").toString()),
				withFakes(bin, this.directory.resolve("compose-down-calls.log")), this.directory,
				Duration.ofSeconds(60));
		assertThat(backup.exitCode()).isNotZero();
		assertThat(backup.output()).contains("pg_dump failed in the postgres container")
			.contains("'docker-compose ps'")
			.doesNotContain("PG_BIN");
	}

	@Test
	void backupNamesWhatIsMissingWhenNoDatabaseIsConfigured() {
		ExternalProcess.Result result = ExternalProcess.run(
				List.of("bash", ProjectFiles.file("scripts/backup.sh").toString()), Map.of("DATABASE_URL", ""),
				this.directory, Duration.ofSeconds(30));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("DATABASE_URL is not set");
	}

	private ExternalProcess.Result script(String name, String database, String... arguments) {
		List<String> command = new ArrayList<>(List.of("bash", ProjectFiles.file("scripts/" + name).toString()));
		command.addAll(List.of(arguments));
		Map<String, String> environment = Map.of("DATABASE_URL",
				"postgresql://postgres@127.0.0.1:" + this.postgres.getPort() + "/" + database);
		return ExternalProcess.run(command, environment, this.directory, Duration.ofSeconds(120));
	}

	/**
	 * A fake Compose: logs its arguments, then runs {@code exec -T postgres TOOL …} as
	 * the container would, against this test's server.
	 */
	private String containerStandIn(String name) {
		return """
				#!/bin/sh
				echo "%s $*" >>"$CALLS"
				[ "$1" = exec ] && [ "$2" = -T ] && [ "$3" = postgres ] || exit 2
				shift 3
				exec env PGHOST=127.0.0.1 PGPORT=%d "$@"
				""".formatted(name, this.postgres.getPort());
	}

	private static Map<String, String> withFakes(Path bin, Path calls) {
		return Map.of("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"), "CALLS", calls.toString(),
				"POSTGRES_USER", "postgres", "DATABASE_URL", "", "PG_EXEC", "");
	}

	private static void executable(Path file, String script) throws IOException {
		Files.writeString(file, script);
		assertThat(file.toFile().setExecutable(true)).isTrue();
	}

	/** The database {@code --compose} always uses, empty. */
	private DataSource freshSpotifyDatabase() throws SQLException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists spotify");
		}
		return createDatabase("spotify");
	}

	private DataSource createDatabase(String name) throws SQLException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		return this.postgres.getDatabase("postgres", name);
	}

	/** Two users and a little of everything, including text that COPY has to escape. */
	private static void fill(DataSource database) throws SQLException {
		try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
			sql.execute("insert into users (spotify_user_id, display_name) values ('alice', 'Alice'), "
					+ "('bob', E'Bob\\twith a tab')");
			sql.execute("insert into spotify_tokens (user_id, refresh_token_encrypted) values (1, 'gAAAAAtoken')");
			sql.execute("insert into artists (spotify_id, name) values ('ar1', 'Artist One'), ('ar2', 'Artist Two')");
			sql.execute("insert into albums (spotify_id, name) values ('al1', 'Album')");
			sql.execute("insert into tracks (spotify_id, name, album_id, duration_ms) values "
					+ "('t1', 'Plain', 1, 180000), ('t2', E'Two\\nlines', 1, 200000), "
					+ "('t3', E'Back\\\\slash \"quoted\"', 1, 210000)");
			sql.execute("insert into track_artists (track_id, position, artist_id) values (1, 0, 1), (2, 0, 2), "
					+ "(3, 0, 1)");
			sql.execute("insert into plays (played_at, user_id, track_id, ms_played, source) values "
					+ "('2024-01-01T10:00:00Z', 1, 1, 180000, 1), ('2024-01-01T10:03:00Z', 1, 2, 200000, 1), "
					+ "('2024-01-01T10:07:00Z', 1, 3, null, 2), ('2024-01-02T08:00:00Z', 2, 1, 1000, 3), "
					+ "('2024-01-02T08:05:00Z', 2, 2, 5000, 3)");
			sql.execute("insert into sync_checkpoints (user_id, status) values (1, 'polling'), (2, 'idle')");
			sql.execute("insert into job_runs (job_type, user_id, status, stats) values "
					+ "('poll', 1, 'success', '{\"inserted\": 3}'), ('import', 2, 'error', '{\"line\": \"a\\\\nb\"}')");
			sql.execute("insert into import_jobs (user_id, original_filename, stored_path) values "
					+ "(2, 'my_spotify_data.zip', '/data/uploads/1.zip')");
			sql.execute("insert into logs (timestamp, service, level, message) values "
					+ "(now(), 'collector-service', 'WARN', E'multi\\nline')");
			sql.execute("insert into mcp_tokens (user_id, name, token_hash, token_prefix) values "
					+ "(1, 'claude', 'abc123', 'smcp_ab')");
		}
	}

	private static Map<String, Long> counts(DataSource database) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			for (String table : MAIN_TABLES) {
				try (var result = statement.executeQuery("select count(*) from " + table)) {
					result.next();
					counts.put(table, result.getLong(1));
				}
			}
		}
		return counts;
	}

	private static List<List<String>> rows(DataSource database, String query) throws SQLException {
		List<List<String>> rows = new ArrayList<>();
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				var result = statement.executeQuery(query)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					row.add(result.getString(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	/**
	 * Reads the PostgreSQL archive out of a zonky binaries jar other than the default
	 * one.
	 */
	private static PgBinaryResolver fromJar(Path jar) {
		return (system, machineHardware) -> {
			ZipFile zip = new ZipFile(jar.toFile());
			String name = ("postgres-" + system + "-" + machineHardware + ".txz").toLowerCase(java.util.Locale.ROOT);
			ZipEntry entry = zip.getEntry(name);
			if (entry == null) {
				zip.close();
				throw new IOException(jar + " holds no " + name);
			}
			InputStream archive = zip.getInputStream(entry);
			return new FilterInputStream(archive) {
				@Override
				public void close() throws IOException {
					super.close();
					zip.close();
				}
			};
		};
	}

}
