package org.spotifymcp.shared.jobs;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

/**
 * The collector's task kinds on the job engine, shared by the services that schedule work
 * and the collector that runs it. Typed descriptors rather than names, so scheduling a
 * task that does not exist, or with the wrong data, does not compile.
 */
public final class JobTasks {

	/** One-time: import the export of one import job (instance id = import job id). */
	public static final TaskDescriptor<Void> IMPORT_EXPORT = TaskDescriptor.of("import-export");

	/** One-time: initial backfill of one user (instance id = user id). */
	public static final TaskDescriptor<Void> INITIAL_SYNC = TaskDescriptor.of("initial-sync");

	/** Recurring per user: incremental poll (instance id = user id). */
	public static final TaskDescriptor<Void> POLL_USER = TaskDescriptor.of("poll-user");

	/**
	 * One-time: refill a listener's due top-hits playlists in their Spotify account
	 * (instance id = user id).
	 */
	public static final TaskDescriptor<Void> UPDATE_PLAYLISTS = TaskDescriptor.of("update-playlists");

	/**
	 * The job engine's execution priority of a task kind: imports before initial syncs
	 * before incremental polls (higher runs first when several are due).
	 * @param task one of the task kinds above
	 * @return db-scheduler priority
	 */
	public static int priorityOf(TaskDescriptor<?> task) {
		String name = task.getTaskName();
		if (name.equals(IMPORT_EXPORT.getTaskName())) {
			return 90;
		}
		if (name.equals(INITIAL_SYNC.getTaskName())) {
			return 50;
		}
		return name.equals(POLL_USER.getTaskName()) ? 10 : 0;
	}

	/**
	 * One execution of a task kind, at the kind's priority.
	 * @param task one of the task kinds above
	 * @param instanceId what the task works on, such as a user or import job id
	 * @return the instance to schedule
	 */
	public static TaskInstance<Void> instance(TaskDescriptor<Void> task, String instanceId) {
		return task.instance(instanceId).priority(priorityOf(task)).build();
	}

	private JobTasks() {
	}

}
