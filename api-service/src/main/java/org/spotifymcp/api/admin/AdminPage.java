package org.spotifymcp.api.admin;

import java.util.List;
import java.util.function.Function;

import org.spotifymcp.shared.admin.PageOf;
import org.spotifymcp.shared.admin.PageRequest;

/**
 * The one shape of every admin list: {@code {"items":[…],"page":N,"size":N,"total":N}}.
 * List endpoints take {@code page} (from 0, default 0) and {@code size} (1 to
 * {@link PageRequest#MAX_SIZE}, default {@link PageRequest#DEFAULT_SIZE}); other values
 * are a 400 naming the parameter ({@link PageRequest} checks them).
 *
 * @param <T> the item type
 * @param items the rows of this page
 * @param page zero-based page number
 * @param size the page size asked for
 * @param total rows matching in all
 */
public record AdminPage<T>(List<T> items, int page, int size, long total) {

	/**
	 * A page the database cut.
	 * @param <E> the row type
	 * @param <T> the item type
	 * @param page the rows and counts
	 * @param mapper row to item
	 * @return the page
	 */
	public static <E, T> AdminPage<T> of(PageOf<E> page, Function<E, T> mapper) {
		return new AdminPage<>(page.items().stream().map(mapper).toList(), page.page(), page.size(), page.total());
	}

	/**
	 * A page cut from a whole list, for lists that stay short (one user's tokens, the
	 * registered clients).
	 * @param <T> the item type
	 * @param all every item, in order
	 * @param request the page asked for
	 * @return the page
	 */
	public static <T> AdminPage<T> of(List<T> all, PageRequest request) {
		int from = (int) Math.min(request.offset(), all.size());
		int to = Math.min(from + request.size(), all.size());
		return new AdminPage<>(List.copyOf(all.subList(from, to)), request.page(), request.size(), all.size());
	}

}
