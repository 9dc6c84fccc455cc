package org.spotifymcp.shared.admin;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as the admin API and UI show it.
 *
 * @param <T> the item type
 * @param items the rows of this page
 * @param page the zero-based page number
 * @param size the page size asked for
 * @param total how many rows match in all
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {

	public int totalPages() {
		return (int) ((this.total + this.size - 1) / this.size);
	}

	public boolean hasNext() {
		return (long) (this.page + 1) * this.size < this.total;
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public <R> PageOf<R> map(Function<T, R> mapper) {
		return new PageOf<>(this.items.stream().map(mapper).toList(), this.page, this.size, this.total);
	}

}
