package org.spotifymcp.shared.jobs;

/**
 * Names of the collector's task kinds on the job engine, shared by the services that
 * schedule work and the collector that runs it.
 */
public final class JobTasks {

	/** One-time: import the export of one import job (instance id = import job id). */
	public static final String IMPORT_EXPORT = "import-export";

	/** One-time: initial backfill of one user (instance id = user id). */
	public static final String INITIAL_SYNC = "initial-sync";

	/** Recurring per user: incremental poll (instance id = user id). */
	public static final String POLL_USER = "poll-user";

	private JobTasks() {
	}

}
