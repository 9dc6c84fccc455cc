package org.spotifymcp.shared.imports;

import java.util.Locale;

/**
 * Where an import job stands.
 */
public enum ImportStatus {

	PENDING, RUNNING, SUCCESS, ERROR, CANCELLED;

	/**
	 * The status as {@code import_jobs.status} and the metrics spell it.
	 * @return the lowercase name
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status stored as the given code.
	 * @param code a value of {@code import_jobs.status}
	 * @return the status
	 */
	public static ImportStatus ofCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
