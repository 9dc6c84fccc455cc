package org.spotifymcp.shared.analytics;

import java.util.Locale;

/**
 * What the top lists rank by: plays (the default) or listening time. Either way every
 * item of the window is ranked, not only the most played.
 */
public enum TopOrder {

	/** Most plays first. */
	PLAYS,

	/** Most listening time first. */
	TIME;

	/**
	 * Reads the {@code order_by} argument of the top tools.
	 * @param value "plays" or "time" (any case), or null for plays
	 * @return the order
	 * @throws HistoryQueryException naming the argument when the value is neither
	 */
	public static TopOrder of(String value) {
		if (value == null || value.isBlank()) {
			return PLAYS;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "plays" -> PLAYS;
			case "time" -> TIME;
			default -> throw new HistoryQueryException("order_by must be \"plays\" or \"time\", got '" + value + "'");
		};
	}

	/** The argument's value, as {@link #of} reads it. */
	public String argument() {
		return name().toLowerCase(Locale.ROOT);
	}

}
