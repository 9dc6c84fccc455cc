package org.spotifymcp.shared.spotify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A page of {@code GET /v1/me/player/recently-played}, newest play first.
 *
 * @param items plays, newest first
 * @param next URL of the next page, absent on the last one
 * @param cursors millisecond cursors of this page, absent when it is empty
 * @param limit page size asked for
 * @param href this page's URL
 */
public record RecentlyPlayed(List<PlayHistory> items, String next, Cursors cursors, Integer limit, String href) {

	public RecentlyPlayed {
		items = (items != null) ? items : List.of();
	}

	/** The {@code before} cursor (oldest play of this page) to page further back. */
	public Optional<Instant> before() {
		return Optional.ofNullable(this.cursors).map(Cursors::before).map(RecentlyPlayed::millis);
	}

	/** The {@code after} cursor (newest play of this page). */
	public Optional<Instant> after() {
		return Optional.ofNullable(this.cursors).map(Cursors::after).map(RecentlyPlayed::millis);
	}

	public boolean hasNext() {
		return this.next != null && !this.next.isBlank();
	}

	private static Instant millis(String value) {
		return Instant.ofEpochMilli(Long.parseLong(value));
	}

	/**
	 * Spotify sends cursors as strings of epoch milliseconds.
	 *
	 * @param after newest {@code played_at} of the page
	 * @param before oldest {@code played_at} of the page
	 */
	public record Cursors(String after, String before) {

	}

}
