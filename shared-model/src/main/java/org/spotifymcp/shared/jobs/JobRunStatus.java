package org.spotifymcp.shared.jobs;

/**
 * The outcome of a job run; {@code RUNNING} until it ends.
 */
public enum JobRunStatus {

	RUNNING, SUCCESS, ERROR, PARTIAL

}
