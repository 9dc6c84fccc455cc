package org.spotifymcp.shared.playlists;

import java.util.Arrays;
import java.util.Locale;

/**
 * The top-hits playlists a listener can keep in their Spotify account; the code is both
 * the {@code playlist_settings} column and the {@code playlist_ledger.kind} value.
 */
public enum PlaylistKind {

	/** Most played of the current week (Monday to Sunday), refreshed every Monday. */
	WEEKLY("weekly", "Top of this week"),
	/** Most played of the current calendar month, refreshed on the 1st. */
	MONTHLY("monthly", "Top of this month"),
	/** Most played of the current calendar year, refreshed on January 1st. */
	YEARLY("yearly", "Top of this year"),
	/** Most played of the last 30 days, refreshed every Monday. */
	ON_REPEAT("on_repeat", "On repeat");

	private final String code;

	private final String title;

	PlaylistKind(String code, String title) {
		this.code = code;
		this.title = title;
	}

	public String code() {
		return this.code;
	}

	/** The playlist's name in Spotify. */
	public String title() {
		return this.title;
	}

	/**
	 * The kind of a code, as forms and the database spell it.
	 * @param code e.g. {@code on_repeat}
	 * @return the kind
	 * @throws IllegalArgumentException naming the known codes
	 */
	public static PlaylistKind of(String code) {
		String wanted = (code != null) ? code.trim().toLowerCase(Locale.ROOT) : "";
		return Arrays.stream(values())
			.filter((kind) -> kind.code.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown playlist kind '" + code + "'; known are "
					+ Arrays.stream(values()).map(PlaylistKind::code).toList()));
	}

}
