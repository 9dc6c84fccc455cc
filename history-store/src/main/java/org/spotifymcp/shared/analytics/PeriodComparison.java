package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * Two windows side by side.
 *
 * @param periodA the earlier (or first) window
 * @param periodB the later (or second) window
 * @param playsChangePercent change of plays from A to B in percent (null when A is empty)
 * @param minutesChangePercent change of minutes from A to B in percent (null when A is
 * empty)
 * @param newArtists artists played in B but not in A, most played first (at most limit)
 * @param lostArtists artists played in A but not in B, most played first (at most limit)
 * @param sharedArtists number of artists played in both
 */
public record PeriodComparison(PeriodSummary periodA, PeriodSummary periodB, Double playsChangePercent,
		Double minutesChangePercent, List<String> newArtists, List<String> lostArtists, long sharedArtists) {

}
