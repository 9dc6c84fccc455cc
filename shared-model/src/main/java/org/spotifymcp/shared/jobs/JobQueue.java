package org.spotifymcp.shared.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

/**
 * Puts collector work on the PostgreSQL-backed job engine (db-scheduler's
 * {@code scheduled_tasks} table) from any service. Collectors poll that table, so work
 * asked for here starts within seconds on whichever collector is free, and a dead
 * collector's work is picked up by another.
 */
public class JobQueue {

	private final SchedulerClient schedulerClient;

	private final Clock clock;

	public JobQueue(SchedulerClient schedulerClient) {
		this(schedulerClient, Clock.systemUTC());
	}

	/**
	 * @param schedulerClient client of the job engine's table
	 * @param clock the clock the collectors judge due times by
	 */
	public JobQueue(SchedulerClient schedulerClient, Clock clock) {
		this.schedulerClient = schedulerClient;
		this.clock = clock;
	}

	/**
	 * Asks for a task to run as soon as a collector is free. If the same task instance is
	 * already waiting, it is moved to now instead of being queued twice.
	 * @param task one of {@link JobTasks}
	 * @param instanceId what the task works on, such as a user or import job id
	 */
	public void runSoon(TaskDescriptor<Void> task, String instanceId) {
		TaskInstance<Void> instance = JobTasks.instance(task, instanceId);
		Instant now = this.clock.instant();
		Optional<ScheduledExecution<Object>> existing = this.schedulerClient.getScheduledExecution(instance);
		if (existing.isPresent()) {
			if (existing.get().isPicked()) {
				// it is running right now, which is what was asked for
				return;
			}
			try {
				this.schedulerClient.reschedule(instance, now);
			}
			catch (TaskInstanceCurrentlyExecutingException ex) {
				// picked between the lookup and the reschedule: running now is what was
				// asked
			}
		}
		else {
			this.schedulerClient.scheduleIfNotExists(instance, now);
		}
	}

}
