package org.spotifymcp.shared.spotify;

import java.util.Locale;

/** What {@code /v1/search} looks for. */
public enum SearchType {

	TRACK, ARTIST, ALBUM;

	String parameter() {
		return name().toLowerCase(Locale.ROOT);
	}

}
