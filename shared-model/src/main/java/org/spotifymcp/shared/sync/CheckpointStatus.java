package org.spotifymcp.shared.sync;

/**
 * Where a user's collection stands.
 */
public enum CheckpointStatus {

	IDLE, IMPORTING, INITIAL_SYNC, POLLING, ERROR, PAUSED, REAUTH_REQUIRED

}
