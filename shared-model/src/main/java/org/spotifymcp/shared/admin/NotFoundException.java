package org.spotifymcp.shared.admin;

/**
 * The admin asked for a row that does not exist.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super("no " + what + " with id " + id);
	}

}
