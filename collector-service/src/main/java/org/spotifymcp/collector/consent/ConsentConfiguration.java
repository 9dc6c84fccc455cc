package org.spotifymcp.collector.consent;

import java.time.Clock;
import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.consent.SpotifyConsents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consent watch on the job engine: a recurring task, so one collector of the cluster
 * runs it per interval.
 */
@Configuration(proxyBeanMethods = false)
public class ConsentConfiguration {

	/**
	 * Reminders count in days and a consent ends at an instant; a quarter of an hour
	 * keeps an ended consent's user from being polled for long without costing anything.
	 */
	static final Duration CHECK_INTERVAL = Duration.ofMinutes(15);

	@Bean
	ConsentWatch consentWatch(JdbcTemplate jdbc, SpotifyConsents consents, AlertNotifier alerts, Clock clock) {
		return new ConsentWatch(jdbc, consents, alerts, clock);
	}

	@Bean
	RecurringTask<Void> consentWatchTask(ConsentWatch watch) {
		return Tasks.recurring(ConsentWatch.TASK_NAME, Schedules.fixedDelay(CHECK_INTERVAL))
			.execute((instance, context) -> watch.check());
	}

}
