package org.spotifymcp.shared.spotify;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.spotifymcp.shared.SharedModelAutoConfiguration;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.config.SpotifyProperties;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.consent.SpotifyConsents;
import org.spotifymcp.shared.crypto.TokenCipher;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.SpotifyTokenRepository;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The typed Spotify client and its token store, for the services that talk to Spotify
 * (the API and the collector); tokens live in the core's tables, so both need a database.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
		DataJpaRepositoriesAutoConfiguration.class, SharedModelAutoConfiguration.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SpotifyClientProperties.class)
public class SpotifyClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpotifyConsents spotifyConsents(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
		return new SpotifyConsents(new JdbcTemplate(dataSource), transactionManager, clock);
	}

	@Bean
	@ConditionalOnMissingBean
	SpotifyTokenStore spotifyTokenStore(SpotifyTokenRepository tokens, SyncCheckpointRepository checkpoints,
			TokenCipher cipher, PlatformTransactionManager transactionManager, UserRepository users,
			AlertNotifier alerts, SpotifyConsents consents) {
		return new SpotifyTokenStore(tokens, checkpoints, cipher, transactionManager, users, alerts, consents);
	}

	/**
	 * App pauses: a 429 asking to wait longer than the poll interval
	 * ({@code COLLECTOR_INTERVAL_SECONDS}) pauses the app rather than the call.
	 */
	@Bean
	@ConditionalOnMissingBean
	SpotifyAppPauses spotifyAppPauses(DataSource dataSource, Clock clock, AlertNotifier alerts,
			CollectorProperties collector) {
		return new SpotifyAppPauses(new JdbcTemplate(dataSource), clock, alerts,
				Duration.ofSeconds(collector.intervalSeconds()));
	}

	@Bean
	@ConditionalOnMissingBean
	SpotifyClient spotifyClient(SpotifyProperties spotify, SpotifyClientProperties properties, SpotifyTokenStore store,
			Clock clock, ObjectProvider<MeterRegistry> meters, SpotifyAppPauses pauses, SpotifyApps apps) {
		return new SpotifyClient(spotify, properties, store, clock, meters.getIfAvailable(SimpleMeterRegistry::new),
				pauses, apps);
	}

}
