package org.spotifymcp.shared.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.logs.LogEvents;
import org.spotifymcp.shared.oauth.OAuthClientQueries;
import org.spotifymcp.shared.sync.CheckpointStatus;
import org.spotifymcp.shared.sync.SyncCheckpoint;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.SpotifyToken;
import org.spotifymcp.shared.users.SpotifyTokenRepository;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an admin can do to a user, shared by the admin API and the admin UI: create and
 * edit, pause and resume collection, ask the collector for a sync now, delete with all
 * data.
 */
public class UserAdministration {

	private static final Logger logger = LoggerFactory.getLogger(UserAdministration.class);

	private static final int MAX_NAME_LENGTH = 200;

	private final UserRepository users;

	private final SyncCheckpointRepository checkpoints;

	private final SpotifyTokenRepository tokens;

	private final JobQueue jobQueue;

	private final JdbcTemplate jdbc;

	private final OAuthClientQueries oauthClients;

	public UserAdministration(UserRepository users, SyncCheckpointRepository checkpoints, SpotifyTokenRepository tokens,
			JobQueue jobQueue, JdbcTemplate jdbc, OAuthClientQueries oauthClients) {
		this.users = users;
		this.checkpoints = checkpoints;
		this.tokens = tokens;
		this.jobQueue = jobQueue;
		this.jdbc = jdbc;
		this.oauthClients = oauthClients;
	}

	/**
	 * Adds a user without a Spotify link, whose history comes from exports.
	 * @param displayName the name to show
	 * @param timeZone IANA zone, UTC when null
	 * @return the stored user
	 */
	@Transactional
	public User createImportOnlyUser(String displayName, String timeZone) {
		String name = validName(displayName);
		if (name == null) {
			throw new InvalidFilterException("displayName", "is required");
		}
		return this.users.save(new User(null, name, validZone((timeZone != null) ? timeZone : "UTC")));
	}

	/**
	 * Changes a user's display name and/or time zone; null leaves a value as it is.
	 * @param userId the user
	 * @param displayName the new name or null
	 * @param timeZone the new IANA zone or null
	 * @return the updated user
	 */
	@Transactional
	public User update(int userId, String displayName, String timeZone) {
		User user = user(userId);
		if (displayName != null) {
			String name = validName(displayName);
			if (name == null) {
				throw new InvalidFilterException("displayName", "must not be blank");
			}
			user.rename(name);
		}
		if (timeZone != null) {
			user.moveToTimeZone(validZone(timeZone));
		}
		return user;
	}

	/**
	 * Stops collection for a user until resumed.
	 * @param userId the user
	 * @return the new state
	 */
	@Transactional
	public CheckpointStatus pause(int userId) {
		SyncCheckpoint checkpoint = checkpoint(userId);
		checkpoint.moveTo(CheckpointStatus.PAUSED);
		this.checkpoints.save(checkpoint);
		logger.info(LogEvents.PERSIST, "Collection paused for user {} by an admin", userId);
		return checkpoint.getStatus();
	}

	/**
	 * Lets collection continue: back to polling for linked users whose initial sync is
	 * done, otherwise idle so the collector picks the next step. Users that are not
	 * paused keep their state.
	 * @param userId the user
	 * @return the new state
	 */
	@Transactional
	public CheckpointStatus resume(int userId) {
		SyncCheckpoint checkpoint = checkpoint(userId);
		if (checkpoint.getStatus() == CheckpointStatus.PAUSED) {
			boolean polling = hasValidSpotifyToken(userId) && checkpoint.getInitialSyncCompletedAt() != null;
			checkpoint.moveTo(polling ? CheckpointStatus.POLLING : CheckpointStatus.IDLE);
			this.checkpoints.save(checkpoint);
			logger.info(LogEvents.PERSIST, "Collection resumed for user {} by an admin", userId);
		}
		return checkpoint.getStatus();
	}

	/**
	 * Queues an incremental poll to start within seconds.
	 * @param userId the user
	 */
	@Transactional(readOnly = true)
	public void queueSyncNow(int userId) {
		requireSyncable(userId);
		this.jobQueue.runSoon(JobTasks.POLL_USER, String.valueOf(userId));
		logger.info(LogEvents.PERSIST, "Poll queued for user {} by an admin", userId);
	}

	/**
	 * Queues an initial backfill to start within seconds.
	 * @param userId the user
	 */
	@Transactional(readOnly = true)
	public void queueInitialSync(int userId) {
		requireSyncable(userId);
		this.jobQueue.runSoon(JobTasks.INITIAL_SYNC, String.valueOf(userId));
		logger.info(LogEvents.PERSIST, "Initial sync queued for user {} by an admin", userId);
	}

	/**
	 * Deletes a user and, through the schema's cascades, all their plays, tokens,
	 * checkpoint, gaps, job runs, import jobs and MCP tokens; then their waiting
	 * collector work, the MCP clients' OAuth grants and uploaded files.
	 * @param userId the user
	 */
	public void delete(int userId) {
		List<String> uploads = this.jdbc.queryForList("select stored_path from import_jobs where user_id = ?",
				String.class, userId);
		if (this.jdbc.update("delete from users where id = ?", userId) == 0) {
			throw new NotFoundException("user", userId);
		}
		// Executions a collector is running now are left to fail on the missing user.
		this.jdbc.update("delete from scheduled_tasks where task_instance = ? and task_name in (?, ?) and not picked",
				String.valueOf(userId), JobTasks.POLL_USER.getTaskName(), JobTasks.INITIAL_SYNC.getTaskName());
		this.oauthClients.revokeAll(userId);
		uploads.forEach(UserAdministration::deleteQuietly);
		logger.info(LogEvents.PERSIST, "User {} deleted", userId);
	}

	public User user(int userId) {
		return this.users.findById(userId).orElseThrow(() -> new NotFoundException("user", userId));
	}

	private SyncCheckpoint checkpoint(int userId) {
		user(userId);
		return this.checkpoints.findById(userId).orElseGet(() -> new SyncCheckpoint(userId));
	}

	private void requireSyncable(int userId) {
		user(userId);
		if (!hasValidSpotifyToken(userId)) {
			throw new ActionRefusedException("user " + userId
					+ " has no valid Spotify connection; connect Spotify at /auth/login or import an export instead");
		}
		this.checkpoints.findById(userId)
			.filter((checkpoint) -> checkpoint.getStatus() == CheckpointStatus.PAUSED)
			.ifPresent((checkpoint) -> {
				throw new ActionRefusedException("user " + userId + " is paused; resume collection first");
			});
	}

	private boolean hasValidSpotifyToken(int userId) {
		return this.tokens.findById(userId).map(SpotifyToken::getStatus).orElse(null) == SpotifyToken.Status.VALID;
	}

	private static String validName(String displayName) {
		if (displayName == null || displayName.isBlank()) {
			return null;
		}
		String name = displayName.trim();
		if (name.length() > MAX_NAME_LENGTH) {
			throw new InvalidFilterException("displayName", "must be at most " + MAX_NAME_LENGTH + " characters");
		}
		return name;
	}

	private static String validZone(String timeZone) {
		try {
			return ZoneId.of(timeZone.trim()).getId();
		}
		catch (DateTimeException ex) {
			throw new InvalidFilterException("timeZone", "must be an IANA time zone such as Europe/Berlin");
		}
	}

	private static void deleteQuietly(String storedPath) {
		if (storedPath == null || storedPath.isBlank()) {
			return;
		}
		try {
			Files.deleteIfExists(Path.of(storedPath));
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not delete uploaded file {} of a deleted user: {}", storedPath, ex.getMessage());
		}
	}

}
