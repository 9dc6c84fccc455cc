package org.spotifymcp.shared.playlists;

import java.time.Instant;

/**
 * One kind of a listener's top-hits playlists: the setting and what the ledger knows.
 *
 * @param kind the kind's code, e.g. {@code weekly}
 * @param title the playlist's name in Spotify
 * @param enabled whether the listener wants it
 * @param spotifyPlaylistId the playlist in Spotify, null before the first run
 * @param url the playlist's web address, null before the first run
 * @param createdAt when the current playlist was created
 * @param lastUpdatedAt when its tracks were last replaced
 * @param trackCount how many tracks the last update put in
 * @param recreatedCount how often it was recreated after the listener deleted it (0 or 1)
 * @param disabledReason why the collector turned it off, null while it did not
 * @param lastMessage the latest problem of a run, null after a good run
 * @param nextRun the next scheduled refresh, null while turned off
 */
public record PlaylistState(String kind, String title, boolean enabled, String spotifyPlaylistId, String url,
		Instant createdAt, Instant lastUpdatedAt, Integer trackCount, int recreatedCount, String disabledReason,
		String lastMessage, Instant nextRun) {

}
