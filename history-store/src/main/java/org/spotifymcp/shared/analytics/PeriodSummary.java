package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * The headline numbers of one window.
 *
 * @param window the window
 * @param plays plays
 * @param minutes minutes listened
 * @param uniqueTracks distinct tracks
 * @param uniqueArtists distinct artists
 * @param topArtists most played artists
 * @param topTracks most played tracks
 */
public record PeriodSummary(WindowInfo window, long plays, double minutes, long uniqueTracks, long uniqueArtists,
		List<ArtistCount> topArtists, List<TrackCount> topTracks) {

}
