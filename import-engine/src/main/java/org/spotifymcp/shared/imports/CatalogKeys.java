package org.spotifymcp.shared.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic catalog keys for export records, which carry names but no artist or album
 * ids. Names are lower-cased for artists and albums so the same artist spelled the same
 * way in any export (or analytics grouping by name) lands on one row.
 */
public final class CatalogKeys {

	static final String TRACK_URI_PREFIX = "spotify:track:";

	private CatalogKeys() {
	}

	/** {@code local:} + sha1(artist|track|album), for records without a track URI. */
	public static String localTrack(String artist, String track, String album) {
		return "local:" + sha1(nullToEmpty(artist) + "|" + nullToEmpty(track) + "|" + nullToEmpty(album));
	}

	/** {@code local:artist:} + sha1(lower-cased name). */
	public static String artist(String name) {
		return (name != null) ? "local:artist:" + sha1(name.toLowerCase(Locale.ROOT)) : null;
	}

	/** {@code local:album:} + sha1(lower-cased artist|album). */
	public static String album(String artist, String album) {
		return (album != null) ? "local:album:" + sha1((nullToEmpty(artist) + "|" + album).toLowerCase(Locale.ROOT))
				: null;
	}

	/**
	 * The Spotify track id of a {@code spotify:track:<id>} URI, as the Web API reports
	 * it, so polled and imported plays share a track row.
	 * @return the id, or null when the URI is not a track URI
	 */
	public static String spotifyTrackId(String uri) {
		if (uri == null || !uri.startsWith(TRACK_URI_PREFIX) || uri.length() == TRACK_URI_PREFIX.length()) {
			return null;
		}
		return uri.substring(TRACK_URI_PREFIX.length());
	}

	static String sha1(String value) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-1");
			return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is part of every JRE", ex);
		}
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
