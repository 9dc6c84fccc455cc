package org.spotifymcp.bench.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.spotifymcp.bench.LocalProcesses;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.spotifymcp.shared.crypto.FernetKey;

/**
 * Imports an export through the real collector-service jar, started as a process with the
 * container's memory settings (the Dockerfile's JAVA_TOOL_OPTIONS, compose's memory limit
 * as MaxRAM and its JDK_JAVA_OPTIONS), and reports the collector's peak resident memory
 * (VmHWM, sampled while it imports) against that limit and the job's records/s as the
 * collector recorded them.
 */
final class CollectorImportRun {

	private static final Duration LIMIT = Duration.ofMinutes(10);

	private final EmbeddedPostgres postgres;

	private final Path work;

	CollectorImportRun(EmbeddedPostgres postgres, Path work) {
		this.postgres = postgres;
		this.work = work;
	}

	record Result(long records, double seconds, long peakRssKb, String javaOptions, int limitMb) {
	}

	Result run(Path zip) throws Exception {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE collector_bench");
		}
		DataSource dataSource = this.postgres.getDatabase("postgres", "collector_bench");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		Path uploads = Files.createDirectories(this.work.resolve("collector-uploads"));
		Path upload = Files.copy(zip, uploads.resolve("upload.zip"), StandardCopyOption.REPLACE_EXISTING);
		long jobId;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO users (display_name) VALUES ('collector benchmark')");
			try (ResultSet row = statement.executeQuery("INSERT INTO import_jobs (user_id, original_filename,"
					+ " stored_path, file_size_bytes) VALUES (1, 'my_spotify_data.zip', '" + upload + "', "
					+ Files.size(upload) + ") RETURNING id")) {
				row.next();
				jobId = row.getLong(1);
			}
		}
		int limitMb = composeCollectorMemoryLimitMb();
		String javaOptions = imageJavaOptions() + " -XX:MaxRAM=" + limitMb + "m -Djava.io.tmpdir=" + this.work;
		Map<String, String> environment = Map.of("DATABASE_URL",
				"postgresql://postgres@127.0.0.1:" + this.postgres.getPort() + "/collector_bench",
				"TOKEN_ENCRYPTION_KEY", FernetKey.generate(new SecureRandom()), "ADMIN_TOKEN",
				HexFormat.of().formatHex(new SecureRandom().generateSeed(24)), "UPLOAD_DIR", uploads.toString(),
				"COLLECTOR_MANAGEMENT_PORT", Integer.toString(LocalProcesses.freePort()), "JAVA_TOOL_OPTIONS",
				javaOptions,
				// compose's collector service adds these
				"JDK_JAVA_OPTIONS", composeCollectorJavaOptions(), "MALLOC_ARENA_MAX", "2");
		ProcessBuilder builder = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
						Path.of("collector-service/target/collector-service.jar").toAbsolutePath().toString()));
		builder.environment().putAll(environment);
		builder.redirectErrorStream(true).redirectOutput(this.work.resolve("collector.log").toFile());
		Process collector = builder.start();
		try {
			long deadline = System.nanoTime() + LIMIT.toNanos();
			long peak = 0;
			while (System.nanoTime() < deadline) {
				if (!collector.isAlive()) {
					throw new IllegalStateException("the collector stopped; see " + this.work.resolve("collector.log"));
				}
				peak = Math.max(peak, peakRssKb(collector.pid()));
				try (Connection connection = dataSource.getConnection();
						Statement statement = connection.createStatement();
						ResultSet job = statement.executeQuery("SELECT status, records_processed,"
								+ " extract(epoch FROM finished_at - started_at) FROM import_jobs WHERE id = "
								+ jobId)) {
					job.next();
					String status = job.getString(1);
					if (status.equals("error")) {
						throw new IllegalStateException("the collector's import failed");
					}
					if (status.equals("success")) {
						System.out.println("  collector memory after the import: " + memoryBreakdown(collector.pid()));
						return new Result(job.getLong(2), job.getDouble(3), Math.max(peak, peakRssKb(collector.pid())),
								javaOptions + " " + environment.get("JDK_JAVA_OPTIONS"), limitMb);
					}
				}
				Thread.sleep(200);
			}
			throw new IllegalStateException("the collector did not finish the import within " + LIMIT);
		}
		finally {
			collector.destroy();
			collector.waitFor();
		}
	}

	private static String memoryBreakdown(long pid) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:")
					|| line.startsWith("VmHWM:")) {
				lines.append(line.replaceAll("\\s+", " ")).append("; ");
			}
		}
		return lines.toString();
	}

	private static long peakRssKb(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return 0;
	}

	/** JAVA_TOOL_OPTIONS of the Dockerfile's runtime stage, without its /tmp setting. */
	private static String imageJavaOptions() throws IOException {
		Matcher matcher = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]+)\"")
			.matcher(Files.readString(Path.of("Dockerfile")));
		if (!matcher.find()) {
			throw new IllegalStateException("the Dockerfile sets no JAVA_TOOL_OPTIONS");
		}
		return matcher.group(1).replace("-Djava.io.tmpdir=/tmp", "").trim();
	}

	/** JDK_JAVA_OPTIONS of the collector service in docker-compose.yml. */
	private static String composeCollectorJavaOptions() throws IOException {
		String compose = Files.readString(Path.of("docker-compose.yml"));
		Matcher matcher = Pattern.compile("\n  collector:\n(?:.*\n)*?\s+JDK_JAVA_OPTIONS: (.+)\n").matcher(compose);
		if (!matcher.find()) {
			throw new IllegalStateException("docker-compose.yml gives the collector no JDK_JAVA_OPTIONS");
		}
		return matcher.group(1).trim();
	}

	/** The collector's memory limit in docker-compose.yml, in MB. */
	private static int composeCollectorMemoryLimitMb() throws IOException {
		String compose = Files.readString(Path.of("docker-compose.yml"));
		Matcher matcher = Pattern.compile("\n  collector:\n(?:.*\n)*?\s+memory: (\\d+)M\n").matcher(compose);
		if (!matcher.find()) {
			throw new IllegalStateException("docker-compose.yml gives the collector no memory limit in MB");
		}
		return Integer.parseInt(matcher.group(1));
	}

}
