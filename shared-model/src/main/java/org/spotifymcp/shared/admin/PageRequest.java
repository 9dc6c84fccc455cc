package org.spotifymcp.shared.admin;

/**
 * Which page of a list to show.
 *
 * @param page zero-based page number
 * @param size rows per page
 */
public record PageRequest(int page, int size) {

	public static final int MAX_SIZE = 200;

	public static final int DEFAULT_SIZE = 50;

	public PageRequest {
		if (page < 0) {
			throw new InvalidFilterException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidFilterException("size", "must be between 1 and " + MAX_SIZE);
		}
	}

	public long offset() {
		return (long) this.page * this.size;
	}

}
