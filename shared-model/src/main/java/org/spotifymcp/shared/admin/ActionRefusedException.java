package org.spotifymcp.shared.admin;

/**
 * An admin action that the current state does not allow, such as syncing a user who never
 * connected Spotify.
 */
public class ActionRefusedException extends RuntimeException {

	public ActionRefusedException(String message) {
		super(message);
	}

}
