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

	/**
	 * The job engine's execution priority of a task kind: imports before initial syncs
	 * before incremental polls (higher runs first when several are due).
	 * @param taskName one of the task names above
	 * @return db-scheduler priority
	 */
	public static int priorityOf(String taskName) {
		return switch (taskName) {
			case IMPORT_EXPORT -> 90;
			case INITIAL_SYNC -> 50;
			case POLL_USER -> 10;
			default -> 0;
		};
	}

	private JobTasks() {
	}

}
