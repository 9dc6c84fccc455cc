package org.spotifymcp.shared.spotify;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.spotifymcp.shared.SharedModelAutoConfiguration;
import org.spotifymcp.shared.config.SpotifyProperties;
import org.spotifymcp.shared.alerts.AlertNotifier;
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
	SpotifyTokenStore spotifyTokenStore(SpotifyTokenRepository tokens, SyncCheckpointRepository checkpoints,
			TokenCipher cipher, PlatformTransactionManager transactionManager, UserRepository users,
			AlertNotifier alerts) {
		return new SpotifyTokenStore(tokens, checkpoints, cipher, transactionManager, users, alerts);
	}

	@Bean
	@ConditionalOnMissingBean
	SpotifyClient spotifyClient(SpotifyProperties spotify, SpotifyClientProperties properties, SpotifyTokenStore store,
			Clock clock, ObjectProvider<MeterRegistry> meters) {
		return new SpotifyClient(spotify, properties, store, clock, meters.getIfAvailable(SimpleMeterRegistry::new));
	}

}
