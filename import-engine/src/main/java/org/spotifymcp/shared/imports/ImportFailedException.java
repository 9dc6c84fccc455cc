package org.spotifymcp.shared.imports;

/**
 * The export itself is unusable (not a ZIP, bad JSON, a zip bomb, too many records…). The
 * message names the file and, where one applies, the record index, so an admin can see
 * what to fix; the job ends {@code error} and committed rows are kept.
 */
public class ImportFailedException extends RuntimeException {

	public ImportFailedException(String message) {
		super(message);
	}

	public ImportFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
