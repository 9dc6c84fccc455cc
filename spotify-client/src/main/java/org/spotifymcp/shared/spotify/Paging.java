package org.spotifymcp.shared.spotify;

import java.util.List;

/**
 * Spotify's offset paging object.
 *
 * @param <T> item type
 * @param items items of this page
 * @param total items in all pages
 * @param limit page size
 * @param offset offset of this page
 * @param next URL of the next page, absent on the last one
 * @param previous URL of the previous page
 * @param href this page's URL
 */
public record Paging<T>(List<T> items, Integer total, Integer limit, Integer offset, String next, String previous,
		String href) {

	public Paging {
		items = (items != null) ? items : List.of();
	}

}
