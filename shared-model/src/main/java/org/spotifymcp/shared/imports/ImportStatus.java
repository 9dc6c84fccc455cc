package org.spotifymcp.shared.imports;

/**
 * Where an import job stands.
 */
public enum ImportStatus {

	PENDING, RUNNING, SUCCESS, ERROR, CANCELLED

}
