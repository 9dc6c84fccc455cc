package org.spotifymcp.shared.admin;

/**
 * A filter, id or body field an admin sent that cannot be used; names the field so the
 * answer can say which one.
 */
public class InvalidFilterException extends RuntimeException {

	private final String field;

	private final String problem;

	public InvalidFilterException(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
		this.problem = problem;
	}

	public String getField() {
		return this.field;
	}

	/**
	 * What is wrong with the field, without its name, so a web layer can put the name the
	 * way its clients spell it in front.
	 * @return the problem, e.g. "must be 0 or more"
	 */
	public String getProblem() {
		return this.problem;
	}

}
