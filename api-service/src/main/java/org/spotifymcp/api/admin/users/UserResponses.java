package org.spotifymcp.api.admin.users;

import java.time.Instant;

import org.spotifymcp.shared.admin.UserOverview;
import org.spotifymcp.shared.admin.UserOverviewQuery.UserCounts;
import org.spotifymcp.shared.sync.SyncCheckpoint;
import org.spotifymcp.shared.users.SpotifyToken;

/**
 * The JSON shapes of the admin user endpoints. Token secrets never appear, not even
 * encrypted.
 */
final class UserResponses {

	private UserResponses() {
	}

	/**
	 * A row of the user list.
	 *
	 * @param id user id
	 * @param displayName name shown to people
	 * @param spotifyUserId Spotify account or null for import-only users
	 * @param timeZone IANA zone for analytics
	 * @param tokenStatus valid, revoked or none
	 * @param syncStatus checkpoint state or none
	 * @param lastPollAt last poll
	 * @param lastPlayedAt newest polled play
	 * @param plays stored plays
	 * @param createdAt when added
	 * @param reconnectBy when the listener's six-month Spotify consent ends, null when
	 * not known or never linked
	 */
	record UserSummary(int id, String displayName, String spotifyUserId, String timeZone, String tokenStatus,
			String syncStatus, Instant lastPollAt, Instant lastPlayedAt, long plays, Instant createdAt,
			Instant reconnectBy) {

		static UserSummary of(UserOverview user) {
			return new UserSummary(user.id(), user.displayName(), user.spotifyUserId(), user.timeZone(),
					user.tokenStatus(), user.syncStatus(), user.lastPollAt(), user.lastPlayedAt(), user.plays(),
					user.createdAt(), user.reconnectBy());
		}

	}

	/**
	 * One user with everything the admin needs to judge their collection.
	 *
	 * @param id user id
	 * @param displayName name shown to people
	 * @param spotifyUserId Spotify account or null
	 * @param timeZone IANA zone
	 * @param createdAt when added
	 * @param token Spotify token state, null when never linked
	 * @param checkpoint collection state, null before the collector has seen the user
	 * @param counts what is stored
	 * @param spotifyApp the Spotify app the user's logins and calls go through, null for
	 * the default app
	 */
	record UserDetail(int id, String displayName, String spotifyUserId, String timeZone, Instant createdAt,
			TokenState token, CheckpointState checkpoint, Counts counts, SpotifyAppRef spotifyApp) {

		static UserDetail of(UserOverview user, TokenState token, SyncCheckpoint checkpoint, UserCounts counts) {
			return new UserDetail(user.id(), user.displayName(), user.spotifyUserId(), user.timeZone(),
					user.createdAt(), token, (checkpoint != null) ? CheckpointState.of(checkpoint) : null,
					new Counts(user.plays(), counts.firstPlayedAt(), counts.lastPlayedAt(), counts.importJobs(),
							counts.jobRuns(), counts.activeMcpTokens(), counts.coverageGaps(), counts.skippedListens()),
					(user.spotifyAppId() != null) ? new SpotifyAppRef(user.spotifyAppId(), user.spotifyAppLabel())
							: null);
		}

	}

	/**
	 * The Spotify app a user is attached to ({@code /admin/spotify-apps/{id}}).
	 *
	 * @param id the app
	 * @param label its label
	 */
	record SpotifyAppRef(int id, String label) {

	}

	/**
	 * Whether the Spotify link works, without the tokens.
	 *
	 * @param status valid or revoked
	 * @param scope granted scopes
	 * @param accessTokenExpiresAt when the current access token expires
	 * @param updatedAt last refresh
	 * @param consentedAt when the listener last consented (each {@code /auth/callback}),
	 * null when not known
	 * @param reconnectBy when that consent ends, six months later (Spotify's 2026 rule):
	 * the listener must reconnect by then
	 */
	record TokenState(String status, String scope, Instant accessTokenExpiresAt, Instant updatedAt, Instant consentedAt,
			Instant reconnectBy) {

		static TokenState of(SpotifyToken token, UserOverview user) {
			return new TokenState(token.getStatus().name().toLowerCase(java.util.Locale.ROOT), token.getScope(),
					token.getAccessTokenExpiresAt(), token.getUpdatedAt(), user.consentedAt(), user.reconnectBy());
		}

	}

	/**
	 * The user's sync checkpoint.
	 *
	 * @param status collection state
	 * @param initialSyncStartedAt initial sync start
	 * @param initialSyncCompletedAt initial sync end
	 * @param initialSyncEarliestAt oldest play the initial sync reached
	 * @param lastPollAt last poll
	 * @param lastPlayedAt newest polled play
	 * @param nextPollAt next poll due
	 * @param pollIntervalSeconds current poll pace
	 * @param consecutiveFailures failures in a row
	 * @param lastError last error
	 * @param updatedAt last change
	 */
	record CheckpointState(String status, Instant initialSyncStartedAt, Instant initialSyncCompletedAt,
			Instant initialSyncEarliestAt, Instant lastPollAt, Instant lastPlayedAt, Instant nextPollAt,
			Integer pollIntervalSeconds, int consecutiveFailures, String lastError, Instant updatedAt) {

		static CheckpointState of(SyncCheckpoint checkpoint) {
			return new CheckpointState(checkpoint.getStatus().name().toLowerCase(java.util.Locale.ROOT),
					checkpoint.getInitialSyncStartedAt(), checkpoint.getInitialSyncCompletedAt(),
					checkpoint.getInitialSyncEarliestAt(), checkpoint.getLastPollAt(), checkpoint.getLastPlayedAt(),
					checkpoint.getNextPollAt(), checkpoint.getPollIntervalSeconds(),
					checkpoint.getConsecutiveFailures(), checkpoint.getLastError(), checkpoint.getUpdatedAt());
		}

	}

	/**
	 * What is stored for the user.
	 *
	 * @param plays listens counted as plays (the play-counting rule)
	 * @param firstPlayedAt oldest play
	 * @param lastPlayedAt newest play
	 * @param importJobs import jobs
	 * @param jobRuns collector job runs
	 * @param activeMcpTokens MCP tokens not revoked
	 * @param coverageGaps windows with possibly missing plays
	 * @param skippedListens listens stored but not counted as plays
	 */
	record Counts(long plays, Instant firstPlayedAt, Instant lastPlayedAt, long importJobs, long jobRuns,
			long activeMcpTokens, long coverageGaps, long skippedListens) {

	}

	/**
	 * One user's collection at a glance.
	 *
	 * @param userId user id
	 * @param displayName name
	 * @param syncStatus checkpoint state or none
	 * @param spotifyLinked whether a valid Spotify token is stored
	 * @param lastPollAt last poll
	 * @param nextPollAt next poll due
	 * @param lastPlayedAt newest polled play
	 * @param consecutiveFailures failures in a row
	 * @param lastError last error
	 * @param plays stored plays
	 * @param reconnectBy when the Spotify consent ends, null when not known
	 */
	record SyncStatus(int userId, String displayName, String syncStatus, boolean spotifyLinked, Instant lastPollAt,
			Instant nextPollAt, Instant lastPlayedAt, int consecutiveFailures, String lastError, long plays,
			Instant reconnectBy) {

		static SyncStatus of(UserOverview user) {
			return new SyncStatus(user.id(), user.label(), user.syncStatus(), user.isSpotifyLinked(), user.lastPollAt(),
					user.nextPollAt(), user.lastPlayedAt(), user.consecutiveFailures(), user.lastError(), user.plays(),
					user.reconnectBy());
		}

	}

	/**
	 * The answer to pause/resume.
	 *
	 * @param userId user id
	 * @param syncStatus the state now
	 */
	record StatusChange(int userId, String syncStatus) {

	}

	/**
	 * The answer to a sync request.
	 *
	 * @param userId user id
	 * @param task the collector task queued
	 * @param queued true
	 */
	record SyncQueued(int userId, String task, boolean queued) {

	}

	/**
	 * Body of {@code POST /admin/users}.
	 *
	 * @param displayName required name
	 * @param timeZone IANA zone, UTC when absent
	 */
	record CreateUser(String displayName, String timeZone) {

	}

	/**
	 * Body of {@code PATCH /admin/users/{id}}; absent fields stay as they are.
	 *
	 * @param displayName new name
	 * @param timeZone new IANA zone
	 */
	record UpdateUser(String displayName, String timeZone) {

	}

}
