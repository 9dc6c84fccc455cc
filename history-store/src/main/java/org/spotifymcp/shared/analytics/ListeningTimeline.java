package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * Plays and minutes per day, week (ISO, starting Monday) or month.
 *
 * @param window the window
 * @param granularity day, week or month
 * @param buckets every bucket of the window, empty ones included
 */
public record ListeningTimeline(WindowInfo window, String granularity, List<Bucket> buckets) {

	/**
	 * One bucket.
	 *
	 * @param start first local day of the bucket (clipped to the window)
	 * @param plays plays
	 * @param minutes minutes listened
	 */
	public record Bucket(String start, long plays, double minutes) {

	}

}
