package org.spotifymcp.shared.imports;

/**
 * An upload refused at intake; nothing of it is kept. {@link #reason()} lets web layers
 * pick the status code (404, 413, 400).
 */
public class ImportRejectedException extends RuntimeException {

	private final Reason reason;

	public ImportRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why an upload was refused. */
	public enum Reason {

		/** No user with that id. */
		UNKNOWN_USER,
		/** Larger than {@code IMPORT_MAX_ZIP_SIZE_MB}. */
		TOO_LARGE,
		/** Zero bytes. */
		EMPTY,
		/** The upload directory could not take the file. */
		STORAGE_FAILED

	}

}
