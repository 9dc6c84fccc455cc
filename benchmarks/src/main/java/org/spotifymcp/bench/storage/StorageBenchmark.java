package org.spotifymcp.bench.storage;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Storage cost of the plays table: inserts synthetic plays for one user into a fresh
 * embedded PostgreSQL with the real schema, then prints
 * {@code pg_total_relation_size('plays') / rows} (heap, its single index, free-space and
 * visibility maps). Target: ≤ 100 bytes per play.
 *
 * <p>
 * Usage: {@code ./bench storage [plays]} (default 1,000,000).
 */
public final class StorageBenchmark {

	private static final int TRACKS = 20_000;

	private static final int BATCH = 10_000;

	private static final DateTimeFormatter COPY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxxx");

	private StorageBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int plays = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		Path dataDirectory = Files.createTempDirectory("storage-benchmark");
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).start()) {
			Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
			try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
				seedCatalog(connection);
				long started = System.nanoTime();
				copyPlays(connection, plays);
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				report(connection, plays, took);
			}
		}
	}

	private static void seedCatalog(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("insert into users (id, display_name) values (1, 'benchmark')");
			statement.execute("insert into albums (id, spotify_id, name) select g, 'album' || g, 'Album ' || g "
					+ "from generate_series(1, " + TRACKS / 10 + ") g");
			statement.execute("insert into tracks (id, spotify_id, name, album_id, duration_ms) "
					+ "select g, 'track' || g, 'Track ' || g, 1 + g % " + TRACKS / 10 + ", 200000 "
					+ "from generate_series(1, " + TRACKS + ") g");
		}
	}

	/**
	 * Ten years of listening in time order, as polling and imports produce it: a skewed
	 * choice of tracks (a few favourites dominate), gaps of a few minutes between plays.
	 */
	private static void copyPlays(Connection connection, int plays) throws SQLException, IOException {
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		Random random = new Random(42);
		Instant at = OffsetDateTime.of(2016, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
		long averageGapMillis = Duration.ofDays(3650).toMillis() / plays;
		StringBuilder rows = new StringBuilder(BATCH * 64);
		for (int i = 0; i < plays; i++) {
			at = at.plusMillis(1 + (long) (random.nextDouble() * 2 * averageGapMillis));
			int track = 1 + (int) (TRACKS * Math.pow(random.nextDouble(), 3));
			rows.append(COPY_TIME.format(at.atOffset(ZoneOffset.UTC)))
				.append('\t')
				.append(1)
				.append('\t')
				.append(track)
				.append('\t')
				.append(30_000 + random.nextInt(200_000))
				.append('\t')
				.append(1 + random.nextInt(3))
				.append('\n');
			if ((i + 1) % BATCH == 0 || i == plays - 1) {
				copy.copyIn("copy plays (played_at, user_id, track_id, ms_played, source) from stdin",
						new StringReader(rows.toString()));
				rows.setLength(0);
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("vacuum analyze plays");
		}
	}

	private static void report(Connection connection, int plays, Duration took) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select count(*), pg_total_relation_size('plays'), "
						+ "pg_relation_size('plays'), pg_indexes_size('plays') from plays")) {
			result.next();
			long rows = result.getLong(1);
			long total = result.getLong(2);
			System.out.printf("plays inserted:           %,d (COPY, %.1f s, %,.0f rows/s)%n", rows,
					took.toMillis() / 1000.0, rows / Math.max(0.001, took.toMillis() / 1000.0));
			System.out.printf("heap bytes:               %,d%n", result.getLong(3));
			System.out.printf("index bytes:              %,d%n", result.getLong(4));
			System.out.printf("pg_total_relation_size:   %,d%n", total);
			System.out.printf("bytes/play:               %.1f  (target <= 100)%n", (double) total / rows);
			if (rows != plays) {
				throw new IllegalStateException("expected " + plays + " rows, found " + rows);
			}
		}
	}

}
