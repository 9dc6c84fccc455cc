package org.spotifymcp.api.me.overview;

import java.time.Instant;

import org.spotifymcp.shared.sync.CheckpointStatus;
import org.spotifymcp.shared.sync.SyncCheckpoint;

/**
 * The collector's state for one listener in plain words.
 *
 * @param level ok, warn or bad (for the card's colour)
 * @param headline one sentence on what is happening
 * @param nextPollAt when the next poll is due (null when none is planned)
 * @param lastPollAt the last poll
 * @param problem the last problem, if the collector is stuck on one
 * @param action what the listener can do about it
 */
record CollectionStatus(String level, String headline, Instant nextPollAt, Instant lastPollAt, String problem,
		String action) {

	static CollectionStatus of(SyncCheckpoint checkpoint, boolean spotifyLinked, boolean tokenValid) {
		if (!spotifyLinked) {
			return new CollectionStatus("ok", "Your history comes from uploaded Spotify exports; nothing is polled.",
					null, null, null, "Upload a newer export on My data to add recent plays.");
		}
		if (!tokenValid) {
			return new CollectionStatus("bad", "Collection has stopped: Spotify no longer accepts our access.", null,
					(checkpoint != null) ? checkpoint.getLastPollAt() : null,
					(checkpoint != null) ? checkpoint.getLastError() : null,
					"Sign in with Spotify again to reconnect; plays since then are picked up (the last 50).");
		}
		if (checkpoint == null) {
			return new CollectionStatus("warn", "Collection starts within a minute.", null, null, null, null);
		}
		CheckpointStatus status = checkpoint.getStatus();
		String error = checkpoint.getLastError();
		return switch (status) {
			case POLLING -> (checkpoint.getConsecutiveFailures() > 0)
					? new CollectionStatus("warn",
							"Polling, but the last " + checkpoint.getConsecutiveFailures()
									+ " attempts failed; the collector keeps retrying.",
							checkpoint.getNextPollAt(), checkpoint.getLastPollAt(), error,
							"Nothing to do unless this lasts for hours; then tell your admin.")
					: new CollectionStatus("ok", "Collecting: new plays are fetched from Spotify regularly.",
							checkpoint.getNextPollAt(), checkpoint.getLastPollAt(), null, null);
			case IDLE, INITIAL_SYNC -> new CollectionStatus("ok",
					"Fetching your recent plays for the first time; from then on new plays are collected automatically.",
					checkpoint.getNextPollAt(), checkpoint.getLastPollAt(), error, null);
			case IMPORTING -> new CollectionStatus("ok", "An export of yours is being imported.",
					checkpoint.getNextPollAt(), checkpoint.getLastPollAt(), null, "Watch its progress on My data.");
			case PAUSED ->
				new CollectionStatus("warn", "Collection is paused by your admin.", null, checkpoint.getLastPollAt(),
						null, "Ask your admin to resume it; Spotify keeps only your last 50 plays.");
			case REAUTH_REQUIRED -> new CollectionStatus("bad",
					"Collection has stopped: Spotify asks you to sign in again.", null, checkpoint.getLastPollAt(),
					error, "Sign in with Spotify again; plays since then are picked up (the last 50).");
			case ERROR -> new CollectionStatus("bad", "Collection is stuck on an error.", checkpoint.getNextPollAt(),
					checkpoint.getLastPollAt(), error, "Tell your admin; the error above says what went wrong.");
		};
	}

}
