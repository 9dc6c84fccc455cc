package org.spotifymcp.collector.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.config.ImportProperties;
import org.spotifymcp.shared.imports.ImportIntake;
import org.spotifymcp.shared.imports.ImportRejectedException;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code IMPORT_WATCH_DIR}: every {@code
 *
<dir>
 * /<user-id-or-spotify-id>/*.zip} is imported once. A file counts as imported when a job
 * of that user has the same name and size; files still being written (changed in the last
 * few seconds) wait for the next scan.
 */
@Component
class ImportWatchFolder {

	private static final Logger logger = LoggerFactory.getLogger(ImportWatchFolder.class);

	private static final Duration SETTLE_TIME = Duration.ofSeconds(3);

	private final ImportProperties properties;

	private final ImportIntake intake;

	private final UserRepository users;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ImportWatchFolder(ImportProperties properties, ImportIntake intake, UserRepository users, JdbcTemplate jdbc,
			Clock clock) {
		this.properties = properties;
		this.intake = intake;
		this.users = users;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${app.import.watch-interval:30s}",
			initialDelayString = "${app.import.watch-interval:30s}")
	void scheduledScan() {
		scan();
	}

	/**
	 * @return how many files were handed to the intake
	 */
	int scan() {
		String watchDir = this.properties.watchDir();
		if (watchDir == null || watchDir.isBlank() || !Files.isDirectory(Path.of(watchDir))) {
			return 0;
		}
		int accepted = 0;
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(Path.of(watchDir), Files::isDirectory)) {
			for (Path folder : folders) {
				Optional<Integer> user = userFor(folder.getFileName().toString());
				if (user.isEmpty()) {
					logger.warn("watch folder {} matches no user id or Spotify id; skipped", folder);
					continue;
				}
				accepted += scanUserFolder(folder, user.get());
			}
		}
		catch (IOException ex) {
			logger.warn("could not scan IMPORT_WATCH_DIR {}: {}", watchDir, ex.getMessage());
		}
		return accepted;
	}

	private int scanUserFolder(Path folder, int userId) throws IOException {
		int accepted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, (file) -> Files.isRegularFile(file)
				&& file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))) {
			for (Path file : files) {
				if (settled(file) && !alreadyImported(userId, file)) {
					try (InputStream content = Files.newInputStream(file)) {
						long jobId = this.intake.accept(userId, file.getFileName().toString(), content).getId();
						logger.info("queued import job {} for {} from the watch folder", jobId, file);
						accepted++;
					}
					catch (ImportRejectedException ex) {
						logger.warn("watch folder file {} refused: {}", file, ex.getMessage());
					}
				}
			}
		}
		return accepted;
	}

	private boolean settled(Path file) throws IOException {
		return Files.getLastModifiedTime(file).toInstant().isBefore(this.clock.instant().minus(SETTLE_TIME));
	}

	private boolean alreadyImported(int userId, Path file) throws IOException {
		Integer jobs = this.jdbc.queryForObject(
				"SELECT count(*) FROM import_jobs WHERE user_id = ? AND original_filename = ? AND file_size_bytes = ?",
				Integer.class, userId, file.getFileName().toString(), Files.size(file));
		return jobs != null && jobs > 0;
	}

	private Optional<Integer> userFor(String folderName) {
		if (folderName.matches("\\d{1,9}")) {
			int id = Integer.parseInt(folderName);
			if (this.users.existsById(id)) {
				return Optional.of(id);
			}
		}
		return this.users.findBySpotifyUserId(folderName).map(User::getId);
	}

}
