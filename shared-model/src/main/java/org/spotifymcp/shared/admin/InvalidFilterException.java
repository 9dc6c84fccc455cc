package org.spotifymcp.shared.admin;

/**
 * A filter, id or body field an admin sent that cannot be used; names the field so the
 * answer can say which one.
 */
public class InvalidFilterException extends RuntimeException {

	private final String field;

	public InvalidFilterException(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
	}

	public String getField() {
		return this.field;
	}

}
