package org.spotifymcp.shared.admin;

import java.util.Locale;

/**
 * How the admin user list is ordered and narrowed.
 *
 * @param sort {@link Sort#ID} (oldest user first) or {@link Sort#RECONNECT_BY} (the
 * soonest end of a Spotify consent first, unknown ones last)
 * @param reconnectDueWithinDays only users whose Spotify consent ends within this many
 * days (ended ones included: they are overdue), or {@code null} for everyone
 */
public record UserListing(Sort sort, Integer reconnectDueWithinDays) {

	/** The longest "due within" window accepted: a consent lasts about 184 days. */
	public static final int MAX_DAYS = 366;

	/** Everyone, by id. */
	public static final UserListing ALL = new UserListing(Sort.ID, null);

	public UserListing {
		sort = (sort != null) ? sort : Sort.ID;
		if (reconnectDueWithinDays != null && (reconnectDueWithinDays < 0 || reconnectDueWithinDays > MAX_DAYS)) {
			throw new InvalidFilterException("reconnectDueWithinDays", "must be within 0.." + MAX_DAYS);
		}
	}

	/**
	 * Reads the query parameters, naming the one that does not fit.
	 * @param sort {@code id} or {@code reconnect_by}, blank for id
	 * @param reconnectDueWithinDays a whole number of days, blank for no filter
	 * @return the listing
	 */
	public static UserListing of(String sort, String reconnectDueWithinDays) {
		Sort order = Filters.enumValue("sort", (sort != null) ? sort.replace('-', '_') : null, Sort.class);
		Integer days = null;
		if (reconnectDueWithinDays != null && !reconnectDueWithinDays.isBlank()) {
			try {
				days = Integer.parseInt(reconnectDueWithinDays.trim());
			}
			catch (NumberFormatException ex) {
				throw new InvalidFilterException("reconnectDueWithinDays", "must be a whole number of days");
			}
		}
		return new UserListing(order, days);
	}

	/** Orders of the user list. */
	public enum Sort {

		ID, RECONNECT_BY;

		public String parameter() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
