package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * Listens that did not count as plays (shorter than the play-counting rule's threshold
 * and not reaching the end of the track), and skip rates per track and artist.
 *
 * @param window the window
 * @param playMinMs the rule's threshold: a listen this long counts as a play
 * @param listens every listen: plays plus skipped listens
 * @param plays listens counted as plays
 * @param skippedListens listens not counted
 * @param skipRate skippedListens / listens (0 without listens)
 * @param skippedMinutes time of the skipped listens
 * @param tracks the most skipped tracks
 * @param artists the most skipped artists
 */
public record SkipRates(WindowInfo window, int playMinMs, long listens, long plays, long skippedListens,
		double skipRate, double skippedMinutes, List<Skipped> tracks, List<Skipped> artists) {

	/**
	 * One track or artist.
	 *
	 * @param name its name
	 * @param artists a track's artists (null for an artist)
	 * @param plays its listens counted as plays in the window
	 * @param skippedListens its listens not counted
	 * @param skipRate skippedListens / (plays + skippedListens)
	 */
	public record Skipped(String name, String artists, long plays, long skippedListens, double skipRate) {

	}

}
