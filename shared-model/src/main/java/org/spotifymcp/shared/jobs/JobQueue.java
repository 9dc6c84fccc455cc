package org.spotifymcp.shared.jobs;

import java.time.Instant;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

/**
 * Puts collector work on the PostgreSQL-backed job engine (db-scheduler's
 * {@code scheduled_tasks} table) from any service. Collectors poll that table, so work
 * asked for here starts within seconds on whichever collector is free, and a dead
 * collector's work is picked up by another.
 */
public class JobQueue {

	private final SchedulerClient schedulerClient;

	public JobQueue(SchedulerClient schedulerClient) {
		this.schedulerClient = schedulerClient;
	}

	/**
	 * Asks for a task to run as soon as a collector is free. If the same task instance is
	 * already waiting, it is moved to now instead of being queued twice.
	 * @param taskName one of {@link JobTasks}
	 * @param instanceId what the task works on, such as a user or import job id
	 */
	public void runSoon(String taskName, String instanceId) {
		TaskInstance<Void> instance = new TaskInstance<>(taskName, instanceId);
		Instant now = Instant.now();
		if (this.schedulerClient.getScheduledExecution(instance).isPresent()) {
			this.schedulerClient.reschedule(instance, now);
		}
		else {
			this.schedulerClient.scheduleIfNotExists(instance, now);
		}
	}

}
