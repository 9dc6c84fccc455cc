package org.spotifymcp.shared.spotify;

import java.time.Instant;

/**
 * One recently-played item.
 *
 * @param track the track
 * @param playedAt when the play ended (UTC, millisecond precision)
 * @param context what it was played from, may be absent
 */
public record PlayHistory(SpotifyTrack track, Instant playedAt, Context context) {

	/**
	 * Where a play came from.
	 *
	 * @param type {@code album}, {@code playlist}, {@code artist}…
	 * @param uri Spotify URI of the context
	 */
	public record Context(String type, String uri) {

	}

}
