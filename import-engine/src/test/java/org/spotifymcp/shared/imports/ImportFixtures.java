package org.spotifymcp.shared.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.testing.SpotifyExportFixtures;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test helpers: users, uploaded files and import job rows, written as the intake would.
 */
final class ImportFixtures {

	static final Path EXPORTS = SpotifyExportFixtures.directory();

	private final JdbcTemplate jdbc;

	private final Path uploadDir;

	ImportFixtures(JdbcTemplate jdbc, Path uploadDir) {
		this.jdbc = jdbc;
		this.uploadDir = uploadDir;
	}

	int newUser() {
		return this.jdbc.queryForObject("INSERT INTO users (display_name) VALUES ('importer') RETURNING id",
				Integer.class);
	}

	/** Copies an export into the upload directory and records a pending job for it. */
	long jobFor(int userId, Path export) {
		String name = export.getFileName().toString();
		String extension = name.toLowerCase().endsWith(".json") ? ".json" : ".zip";
		Path stored = this.uploadDir.resolve("import-" + UUID.randomUUID() + extension);
		try {
			Files.createDirectories(this.uploadDir);
			Files.copy(export, stored, StandardCopyOption.REPLACE_EXISTING);
			return this.jdbc.queryForObject(
					"INSERT INTO import_jobs (user_id, original_filename, stored_path, file_size_bytes)"
							+ " VALUES (?, ?, ?, ?) RETURNING id",
					Long.class, userId, name, stored.toString(), Files.size(stored));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long jobFor(int userId, String name, byte[] content) {
		try {
			Path dir = Files.createTempDirectory("export");
			Path file = dir.resolve(name);
			Files.write(file, content);
			return jobFor(userId, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Map<String, Object> job(long jobId) {
		return this.jdbc.queryForMap("SELECT * FROM import_jobs WHERE id = ?", jobId);
	}

	/** Rows where any rollup and its naive aggregate over the user's plays disagree. */
	List<Map<String, Object>> rollupMismatches(int userId) {
		return RollupChecks.TABLES.stream()
			.flatMap((table) -> RollupChecks.mismatches(this.jdbc, table, userId).stream())
			.toList();
	}

	long plays(int userId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM plays WHERE user_id = ?", Long.class, userId);
	}

}
