package org.spotifymcp.emulator;

import java.time.Instant;

/**
 * One play in a user's timeline: the emulator's "truth" that tests compare collected
 * history against.
 *
 * @param playedAt when the play ended (Spotify's {@code played_at}), millisecond
 * precision
 * @param track the track that was played
 * @param scripted whether a test appended it (rather than the seeded generator)
 */
public record EmulatedPlay(Instant playedAt, Catalog.Track track, boolean scripted) {

	public String trackId() {
		return this.track.id();
	}

}
