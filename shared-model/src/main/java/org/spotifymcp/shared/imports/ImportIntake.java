package org.spotifymcp.shared.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.config.ImportProperties;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.users.UserRepository;

/**
 * Takes an uploaded export: streams it into {@code UPLOAD_DIR} under a random name while
 * counting bytes (refusing it past {@code IMPORT_MAX_ZIP_SIZE_MB}, keeping nothing),
 * records a pending {@code import_jobs} row and queues it for a collector. Used by the
 * API's upload endpoint, the admin UI's form and the collector's watch folder.
 */
public class ImportIntake {

	private static final Logger logger = LoggerFactory.getLogger(ImportIntake.class);

	private final UserRepository users;

	private final ImportJobRepository jobs;

	private final JobQueue queue;

	private final ImportProperties properties;

	public ImportIntake(UserRepository users, ImportJobRepository jobs, JobQueue queue, ImportProperties properties) {
		this.users = users;
		this.jobs = jobs;
		this.queue = queue;
		this.properties = properties;
	}

	/**
	 * Stores an upload and queues its import.
	 * @param userId whose history it is
	 * @param originalFilename the name the uploader gave (a {@code .json} name means a
	 * bare history file, anything else is read as a ZIP)
	 * @param content the upload, read to the end (not closed)
	 * @return the pending job
	 * @throws ImportRejectedException naming the problem; nothing is kept then
	 */
	public ImportJob accept(int userId, String originalFilename, InputStream content) {
		if (!this.users.existsById(userId)) {
			throw new ImportRejectedException(ImportRejectedException.Reason.UNKNOWN_USER, "no user with id " + userId);
		}
		String displayName = displayName(originalFilename);
		String extension = displayName.toLowerCase(Locale.ROOT).endsWith(".json") ? ".json" : ".zip";
		Path directory = Path.of(this.properties.uploadDir()).toAbsolutePath().normalize();
		Path target = directory.resolve("import-" + UUID.randomUUID() + extension);
		long size;
		try {
			Files.createDirectories(directory);
			size = copyCapped(content, target, this.properties.maxZipSizeBytes());
		}
		catch (IOException ex) {
			deleteQuietly(target);
			throw new ImportRejectedException(ImportRejectedException.Reason.STORAGE_FAILED,
					"the upload could not be stored in UPLOAD_DIR: " + ex.getMessage());
		}
		if (size < 0) {
			deleteQuietly(target);
			throw new ImportRejectedException(ImportRejectedException.Reason.TOO_LARGE,
					displayName + " is larger than IMPORT_MAX_ZIP_SIZE_MB=" + this.properties.maxZipSizeMb() + " MB");
		}
		if (size == 0) {
			deleteQuietly(target);
			throw new ImportRejectedException(ImportRejectedException.Reason.EMPTY, displayName + " is empty");
		}
		ImportJob job = this.jobs.save(new ImportJob(userId, displayName, target.toString(), size));
		// if queueing fails the job stays pending and collectors queue it when they start
		try {
			this.queue.runSoon(JobTasks.IMPORT_EXPORT, String.valueOf(job.getId()));
		}
		catch (RuntimeException ex) {
			logger.warn("import job {} stored but not queued yet: {}", job.getId(), ex.getMessage());
		}
		return job;
	}

	/**
	 * Copies at most {@code limit} bytes.
	 * @return bytes copied, or -1 when the content is larger than the limit
	 */
	private static long copyCapped(InputStream content, Path target, long limit) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			int n;
			while ((n = content.read(buffer)) > 0) {
				total += n;
				if (total > limit) {
					return -1;
				}
				out.write(buffer, 0, n);
			}
		}
		return total;
	}

	/**
	 * Only the last path segment, printable, bounded: it is shown, never used as a path.
	 */
	static String displayName(String originalFilename) {
		String name = (originalFilename != null) ? originalFilename.replace('\\', '/') : "";
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").trim();
		if (name.isEmpty()) {
			name = "upload.zip";
		}
		return (name.length() > 200) ? name.substring(name.length() - 200) : name;
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("could not delete refused upload {}: {}", file, ex.getMessage());
		}
	}

}
