package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * How complete the history is in a window.
 *
 * @param window the window
 * @param plays plays in the window
 * @param daysWithData local days with at least one play
 * @param coverageRatio daysWithData / days
 * @param firstPlayAt first play in the window (ISO instant, null without plays)
 * @param lastPlayAt last play in the window (ISO instant, null without plays)
 * @param emptyStretches longest runs of local days without plays (at most 20, longest
 * first)
 * @param collectorGaps windows the collector flagged as possibly incomplete
 * @param sources plays per source
 */
public record Coverage(WindowInfo window, long plays, long daysWithData, double coverageRatio, String firstPlayAt,
		String lastPlayAt, List<EmptyStretch> emptyStretches, List<CollectorGap> collectorGaps,
		List<SourceCount> sources) {

	/**
	 * Consecutive local days without plays.
	 *
	 * @param start first empty day
	 * @param end last empty day
	 * @param days length
	 */
	public record EmptyStretch(String start, String end, long days) {

	}

	/**
	 * A collector-detected gap ({@code coverage_gaps}).
	 *
	 * @param start gap start (ISO instant)
	 * @param end gap end (ISO instant)
	 * @param detectedAt when it was detected
	 */
	public record CollectorGap(String start, String end, String detectedAt) {

	}

	/**
	 * Plays from one source.
	 *
	 * @param source api, extended_export or account_export
	 * @param plays plays in the window
	 */
	public record SourceCount(String source, long plays) {

	}

}
