package org.spotifymcp.bench.importer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.spotifymcp.bench.generate.ExportGenerator;
import org.spotifymcp.shared.config.ImportProperties;
import org.spotifymcp.shared.imports.ExportFormat;
import org.spotifymcp.shared.imports.ExportImporter;
import org.spotifymcp.shared.imports.ExportReader;
import org.spotifymcp.shared.imports.ExportRecord;
import org.spotifymcp.shared.imports.ResumePosition;
import org.spotifymcp.shared.imports.SkipReason;
import org.spotifymcp.shared.imports.ImportEngineProperties;
import org.spotifymcp.shared.imports.ImportStatus;

/**
 * {@code ./bench importer [--records N] [--batch-size B] [--parse-only-too]
 * [--in-collector-too]}: generates an extended export of N records (default 1,000,000),
 * imports it into a fresh embedded PostgreSQL through the real import engine, then — in
 * the same run and database — times a raw {@code COPY} of the same normalized rows into
 * the same {@code plays} table as the physical limit (with the rollup triggers firing,
 * and bare), and prints records/s, CPU seconds, the ratios and the importer's peak RSS.
 * With {@code --in-collector-too} the same export is imported once more by the real
 * collector-service jar under the container's memory settings, for its peak RSS.
 */
public final class ImporterBenchmark {

	private ImporterBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long records = 1_000_000;
		int batchSize = ImportEngineProperties.defaults().batchSize();
		boolean parseOnly = false;
		boolean inCollector = false;
		boolean statementStats = false;
		for (int i = 0; i < args.length; i += 2) {
			switch (args[i]) {
				case "--parse-only-too" -> {
					parseOnly = true;
					i--;
				}
				case "--statement-stats" -> {
					statementStats = true;
					i--;
				}
				case "--in-collector-too" -> {
					inCollector = true;
					i--;
				}
				case "--records" -> records = Long.parseLong(args[i + 1].replace("_", ""));
				case "--batch-size" -> batchSize = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		Path work = Files.createTempDirectory("importer-bench");
		Path zip = work.resolve("my_spotify_data.zip");
		long t0 = System.nanoTime();
		new ExportGenerator(42).writeZip(zip, records, ExportGenerator.Format.EXTENDED);
		long zipSize = Files.size(zip);
		System.out.printf(Locale.ROOT, "generated %,d extended records: %,d bytes zipped in %.1f s%n", records, zipSize,
				seconds(t0));

		// the importer deletes an upload once imported
		Path collectorCopy = work.resolve("for-the-collector.zip");
		if (inCollector) {
			Files.copy(zip, collectorCopy);
		}
		if (parseOnly) {
			timeParsingAlone(zip);
		}

		EmbeddedPostgres.Builder server = EmbeddedPostgres.builder()
			.setServerConfig("max_wal_size", "4GB")
			.setServerConfig("checkpoint_timeout", "30min");
		if (statementStats) {
			server.setServerConfig("shared_preload_libraries", "pg_stat_statements")
				.setServerConfig("pg_stat_statements.track", "all");
		}
		try (EmbeddedPostgres postgres = server.start()) {
			DataSource dataSource = postgres.getPostgresDatabase();
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			if (statementStats) {
				try (Connection connection = dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("CREATE EXTENSION pg_stat_statements");
					statement.execute("SELECT pg_stat_statements_reset()");
				}
			}
			long jobId;
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO users (display_name) VALUES ('benchmark')");
				try (ResultSet row = statement.executeQuery("INSERT INTO import_jobs (user_id, original_filename,"
						+ " stored_path, file_size_bytes) VALUES (1, 'my_spotify_data.zip', '" + zip + "', " + zipSize
						+ ") RETURNING id")) {
					row.next();
					jobId = row.getLong(1);
				}
			}
			ImportProperties properties = new ImportProperties(work.toString(), null, 100000, 50_000_000, false, 60);
			ImportEngineProperties engine = new ImportEngineProperties(batchSize, 102400, 1000);
			ExportImporter importer = new ExportImporter(dataSource, properties, engine, Clock.systemUTC(), "bench");

			long postmaster;
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
				backend.next();
				postmaster = ProcessCpu.parentOf(backend.getLong(1));
			}
			System.gc();
			resetPeakRss();
			double jvmCpuBefore = ProcessCpu.thisJvmSeconds();
			double postgresCpuBefore = ProcessCpu.postgresSeconds(postmaster);
			long t1 = System.nanoTime();
			long[] lastBatchCommitted = new long[1];
			Optional<ImportStatus> status = importer.run(jobId,
					(music, inserted, position) -> lastBatchCommitted[0] = System.nanoTime());
			double importSeconds = seconds(t1);
			System.out.printf(Locale.ROOT, "  batches committed after %.2f s; rollup refresh and finish took %.2f s%n",
					(lastBatchCommitted[0] - t1) / 1e9, (System.nanoTime() - lastBatchCommitted[0]) / 1e9);
			long peakRss = peakRssKb();
			double jvmCpu = ProcessCpu.thisJvmSeconds() - jvmCpuBefore;
			double postgresCpu = ProcessCpu.postgresSeconds(postmaster) - postgresCpuBefore;
			if (!status.equals(Optional.of(ImportStatus.SUCCESS))) {
				throw new IllegalStateException("import ended " + status.map(ImportStatus::code).orElse("missing"));
			}
			long processed;
			long inserted;
			long duplicates;
			long skipped;
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet job = statement.executeQuery("SELECT records_processed, records_inserted, duplicates,"
							+ " skipped FROM import_jobs WHERE id = " + jobId)) {
				job.next();
				processed = job.getLong(1);
				inserted = job.getLong(2);
				duplicates = job.getLong(3);
				skipped = job.getLong(4);
			}
			System.out.printf(Locale.ROOT,
					"import: %,d records (%,d plays inserted, %,d duplicates, %,d skipped) in %.2f s = %,.0f records/s"
							+ " (batch size %,d)%n",
					processed, inserted, duplicates, skipped, importSeconds, processed / importSeconds, batchSize);
			System.out.printf(Locale.ROOT,
					"  CPU: importer %.2f s + PostgreSQL %.2f s = %.2f CPU-s, %,.0f records per CPU-second"
							+ " (wall time above depends on what else the 2 cores do; this does not)%n",
					jvmCpu, postgresCpu, jvmCpu + postgresCpu, processed / (jvmCpu + postgresCpu));
			System.out.printf(Locale.ROOT, "importer peak RSS (VmHWM of this JVM, -Xmx2g, during the import): %,d MB%n",
					peakRss / 1024);

			if (statementStats) {
				printStatementStats(dataSource);
			}
			System.out.println("rollups after the import: " + rollupCheck(dataSource));
			double[] copySeconds = rawCopy(dataSource);
			System.out.printf(Locale.ROOT,
					"raw COPY of the same %,d normalized rows into plays, then the rollups applied: %.2f s = %,.0f rows/s%n",
					inserted, copySeconds[0], inserted / copySeconds[0]);
			System.out.printf(Locale.ROOT,
					"raw COPY of the same rows into plays alone (bare COPY, no rollups): %.2f s = %,.0f rows/s%n",
					copySeconds[1], inserted / copySeconds[1]);
			System.out.printf(Locale.ROOT,
					"import time vs raw COPY: %.0f %% of the physical limit with rollups, %.0f %% of the bare table%n",
					100 * copySeconds[0] / importSeconds, 100 * copySeconds[1] / importSeconds);

			if (inCollector) {
				CollectorImportRun.Result collector = new CollectorImportRun(postgres, work).run(collectorCopy);
				System.out.printf(Locale.ROOT,
						"collector-service process (%s): %,d records in %.2f s = %,.0f records/s,"
								+ " peak RSS (VmHWM) %,d kB = %,d MB of its %,d MB compose limit%n",
						collector.javaOptions(), collector.records(), collector.seconds(),
						collector.records() / collector.seconds(), collector.peakRssKb(), collector.peakRssKb() / 1024,
						collector.limitMb());
			}
		}
		Files.deleteIfExists(zip);
		Files.deleteIfExists(collectorCopy);
		deleteQuietly(work);
	}

	/** Inflate + Jackson streaming without any database work, to show where time goes. */
	private static void timeParsingAlone(Path zip) {
		long parseStarted = System.nanoTime();
		long[] parsed = new long[1];
		try (ExportReader reader = ExportReader.open(zip, "my_spotify_data.zip", ImportEngineProperties.defaults(),
				false, Clock.systemUTC())) {
			reader.read(ResumePosition.START, new ExportReader.RecordSink() {
				@Override
				public void music(ExportRecord record, ExportFormat format) {
					parsed[0]++;
				}

				@Override
				public void skipped(ExportFormat format, SkipReason reason) {
					parsed[0]++;
				}

				@Override
				public void afterRecord(ResumePosition next, long bytesProcessed) {
				}
			});
		}
		double parseSeconds = seconds(parseStarted);
		System.out.printf(Locale.ROOT,
				"parse only (inflate + Jackson streaming, no database): %,d records in %.2f s" + " = %,.0f records/s%n",
				parsed[0], parseSeconds, parsed[0] / parseSeconds);

	}

	/**
	 * Dumps the imported plays, empties the table and COPYs them back: the same rows into
	 * the same table with its primary key, with no parsing, staging or catalog work.
	 */
	private static double[] rawCopy(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			ByteArrayOutputStream rows = new ByteArrayOutputStream(64 * 1024 * 1024);
			copy.copyOut("COPY plays (played_at, user_id, track_id, ms_played, source) TO STDOUT", rows);
			byte[] data = rows.toByteArray();
			double withRollups = timedCopy(connection, copy, data, false);
			double bare = timedCopy(connection, copy, data, true);
			return new double[] { withRollups, bare };
		}
	}

	/**
	 * COPYs the rows into an emptied plays table (rollups emptied too), then applies them
	 * to the rollups as the writers do (apply_plays_to_rollups), or bare.
	 */
	private static double timedCopy(Connection connection, CopyManager copy, byte[] data, boolean bare)
			throws Exception {
		try (Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE plays, play_hour_totals, play_month_tracks, user_track_totals,"
					+ " play_month_artists, user_artist_totals, play_month_albums,"
					+ " user_album_totals, play_local_days, play_month_skips");
			statement.execute("CHECKPOINT");
		}
		long started = System.nanoTime();
		connection.setAutoCommit(false);
		copy.copyIn("COPY plays (played_at, user_id, track_id, ms_played, source) FROM STDIN",
				new ByteArrayInputStream(data));
		if (!bare) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT apply_plays_to_rollups(1, min(played_at), max(played_at)) FROM plays");
			}
		}
		connection.commit();
		connection.setAutoCommit(true);
		return seconds(started);
	}

	/**
	 * Recomputes the user's rollups from plays (rebuild_rollups) and says whether any row
	 * differed from what the import left.
	 */
	private static String rollupCheck(DataSource dataSource) throws Exception {
		long started = System.nanoTime();
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT coalesce(sum(differences), 0), string_agg(rollup || '=' || differences, ', ')"
							+ " FILTER (WHERE differences > 0) FROM rebuild_rollups(1)")) {
			rows.next();
			long differing = rows.getLong(1);
			return ((differing == 0) ? "exact (every rollup equals its recomputation from plays)"
					: differing + " rows differed: " + rows.getString(2))
					+ String.format(Locale.ROOT, "; recomputing them all took %.2f s", seconds(started));
		}
	}

	/** Where PostgreSQL spent the import's time, statement by statement. */
	private static void printStatementStats(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet top = statement.executeQuery("SELECT total_exec_time / 1000, calls,"
						+ " regexp_replace(left(query, 110), '\\s+', ' ', 'g') FROM pg_stat_statements"
						+ " ORDER BY total_exec_time DESC LIMIT 16")) {
			System.out.println("  PostgreSQL time by statement during the import:");
			while (top.next()) {
				System.out.printf(Locale.ROOT, "  %7.2f s %6d x  %s%n", top.getDouble(1), top.getLong(2),
						top.getString(3));
			}
		}
	}

	private static void deleteQuietly(Path directory) throws java.io.IOException {
		try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	private static void resetPeakRss() {
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5");
		}
		catch (Exception ex) {
			System.out.println("(could not reset the peak RSS counter; VmHWM includes the generator)");
		}
	}

	private static long peakRssKb() throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return -1;
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
