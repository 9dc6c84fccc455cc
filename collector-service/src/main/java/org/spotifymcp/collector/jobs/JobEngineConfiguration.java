package org.spotifymcp.collector.jobs;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The collector's job engine: db-scheduler over the shared database. Every {@link Task}
 * bean is registered; executions are claimed with row locks and kept alive by heartbeats,
 * so several collectors share the work and a dead collector's executions are taken over
 * once their heartbeat goes stale.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobEngineProperties.class)
class JobEngineConfiguration {

	@Bean
	CollectorInstance collectorInstance() {
		return CollectorInstance.create();
	}

	@Bean
	Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, JobEngineProperties properties,
			CollectorInstance instance, Clock clock) {
		// recurring tasks must be registered as start tasks so their first execution
		// exists
		List<Task<?>> plain = tasks.stream().filter((task) -> !(task instanceof RecurringTask)).toList();
		List<RecurringTask<?>> recurring = tasks.stream()
			.filter(RecurringTask.class::isInstance)
			.<RecurringTask<?>>map(RecurringTask.class::cast)
			.toList();
		return Scheduler.create(dataSource, plain)
			.startTasks(recurring)
			.threads(properties.threads())
			.pollingInterval(properties.pollingInterval())
			.heartbeatInterval(properties.heartbeatInterval())
			.missedHeartbeatsLimit(properties.missedHeartbeatsLimit())
			.shutdownMaxWait(properties.shutdownMaxWait())
			.schedulerName(new SchedulerName.Fixed(instance.id()))
			// imports before initial syncs before incremental polls (see JobTasks
			// priorities)
			.enablePriority()
			// due times are judged by the application clock, which tests can move
			.clock(clock::instant)
			.enableImmediateExecution()
			.registerShutdownHook()
			.build();
	}

	/**
	 * Starts polling once the context is ready, stops (finishing or releasing work)
	 * before the pool closes.
	 */
	@Bean
	SmartLifecycle schedulerLifecycle(Scheduler scheduler, JobEngineProperties properties) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public boolean isAutoStartup() {
				return properties.autoStart();
			}

			@Override
			public void start() {
				scheduler.start();
				this.running = true;
			}

			@Override
			public void stop() {
				scheduler.stop();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

}
