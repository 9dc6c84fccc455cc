package org.spotifymcp.collector.playlists;

import org.spotifymcp.shared.playlists.PlaylistKind;

/**
 * What one run did to one kind of a listener's playlists.
 *
 * @param kind the kind
 * @param outcome what happened
 * @param spotifyPlaylistId the playlist written, null when none was
 * @param tracks tracks put in
 * @param message why nothing was written, null when something was
 */
public record PlaylistRun(PlaylistKind kind, Outcome outcome, String spotifyPlaylistId, int tracks, String message) {

	/** What a run did. */
	public enum Outcome {

		/** A new playlist was created and filled. */
		CREATED,
		/** The known playlist's tracks were replaced in place. */
		UPDATED,
		/** The listener had deleted it; a new one was created once. */
		RECREATED,
		/** Deleted again after the one recreation: the kind is now off. */
		DISABLED,
		/** The stored login lacks the playlist scope; nothing was sent. */
		RECONNECT_REQUIRED,
		/** Spotify did not answer usefully; tried again at the next check. */
		FAILED

	}

}
