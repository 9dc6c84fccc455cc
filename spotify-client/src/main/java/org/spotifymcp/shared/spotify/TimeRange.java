package org.spotifymcp.shared.spotify;

import java.util.Locale;

/** The {@code time_range} of top items: about 4 weeks, 6 months or a year. */
public enum TimeRange {

	SHORT_TERM, MEDIUM_TERM, LONG_TERM;

	String parameter() {
		return name().toLowerCase(Locale.ROOT);
	}

}
