package org.spotifymcp.collector.jobs;

import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;

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
	Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, JobEngineProperties properties) {
		return Scheduler.create(dataSource, tasks)
			.threads(properties.threads())
			.pollingInterval(properties.pollingInterval())
			.heartbeatInterval(properties.heartbeatInterval())
			.missedHeartbeatsLimit(properties.missedHeartbeatsLimit())
			.shutdownMaxWait(properties.shutdownMaxWait())
			.schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Hostname())
			.enableImmediateExecution()
			.registerShutdownHook()
			.build();
	}

	/**
	 * Starts polling once the context is ready, stops (finishing or releasing work)
	 * before the pool closes.
	 */
	@Bean
	SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
		return new SmartLifecycle() {

			private volatile boolean running;

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
