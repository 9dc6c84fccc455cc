package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * How much of the listening was repeats.
 *
 * @param window the window
 * @param plays all plays
 * @param uniqueTracks distinct tracks
 * @param repeatPlays plays of a track already played in the window
 * @param repeatRate repeatPlays / plays (0 without plays)
 * @param tracksPlayedOnce tracks played exactly once
 * @param mostRepeated the most played tracks with more than one play
 */
public record RepeatRate(WindowInfo window, long plays, long uniqueTracks, long repeatPlays, double repeatRate,
		long tracksPlayedOnce, List<TrackCount> mostRepeated) {

}
