package org.spotifymcp.collector.catalog;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.MeterRegistry;
import org.spotifymcp.collector.polling.PollingConfiguration;
import org.spotifymcp.collector.polling.SpotifyRequestBudget;
import org.spotifymcp.shared.catalog.ArtistDetailsStore;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.spotify.SpotifyClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The artist-details task on the job engine: its own recurring execution, so a poll never
 * waits for it, and one collector of the cluster runs it per interval.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArtistDetailsProperties.class)
public class ArtistDetailsConfiguration {

	/**
	 * Below every per-user task (polls are {@code JobTasks.priorityOf(POLL_USER)}): when
	 * the engine's threads are busy, polls go first.
	 */
	static final int PRIORITY = JobTasks.priorityOf(JobTasks.POLL_USER) - 10;

	@Bean
	ArtistDetailsFiller artistDetailsFiller(JdbcTemplate jdbc, SpotifyClient client, SpotifyRequestBudget budget,
			ArtistDetailsProperties properties, Clock clock, MeterRegistry meters) {
		return new ArtistDetailsFiller(new ArtistDetailsStore(jdbc), client, budget, jdbc, properties, clock, meters);
	}

	@Bean
	@ConditionalOnProperty(name = "app.artist-details.enabled", havingValue = "true", matchIfMissing = true)
	RecurringTask<Void> artistDetailsTask(ArtistDetailsFiller filler, ArtistDetailsProperties properties) {
		return Tasks.recurring(ArtistDetailsFiller.TASK_NAME, Schedules.fixedDelay(properties.interval()))
			.defaultPriority(PRIORITY)
			// judged by the application clock, like the polls
			.onDeadExecution(PollingConfiguration.reviveNow())
			.execute((instance, context) -> filler.fill());
	}

}
