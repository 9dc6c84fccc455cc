package org.spotifymcp.api.me;

import org.spotifymcp.shared.users.User;

/**
 * The signed-in listener of a {@code /me} request: every page reads only this user's
 * data.
 *
 * @param userId our user id
 * @param name the name to greet with (display name, then Spotify id)
 * @param timeZone the IANA zone the pages read days and hours in
 * @param spotifyUserId the linked Spotify account, null for import-only users
 */
public record Listener(int userId, String name, String timeZone, String spotifyUserId) {

	static Listener of(User user) {
		String name = (user.getDisplayName() != null && !user.getDisplayName().isBlank()) ? user.getDisplayName()
				: (user.getSpotifyUserId() != null) ? user.getSpotifyUserId() : "Listener " + user.getId();
		return new Listener(user.getId(), name, user.getTimeZone(), user.getSpotifyUserId());
	}

}
