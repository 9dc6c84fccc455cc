package org.spotifymcp.api.admin;

import java.util.List;
import java.util.function.Function;

import org.spotifymcp.shared.admin.PageOf;

/**
 * A page of an admin list as JSON.
 *
 * @param <T> the item type
 * @param items the rows
 * @param page zero-based page number
 * @param size the page size
 * @param total rows matching in all
 */
public record AdminPage<T>(List<T> items, int page, int size, long total) {

	public static <E, T> AdminPage<T> of(PageOf<E> page, Function<E, T> mapper) {
		return new AdminPage<>(page.items().stream().map(mapper).toList(), page.page(), page.size(), page.total());
	}

}
