package org.spotifymcp.shared.spotify;

import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.config.SpotifyProperties;
import org.spotifymcp.shared.testing.CoreContextRunner;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spotify client and its token store come with the core's database (tokens live in
 * it) and give way to a service's own.
 */
class SpotifyClientAutoConfigurationTest {

	private static final AutoConfigurations SPOTIFY_CLIENT = AutoConfigurations
		.of(SpotifyClientAutoConfiguration.class);

	@Test
	void aServiceWithTheDatabaseGetsTheClientAndItsTokenStore() {
		CoreContextRunner.withDatabase()
			.withConfiguration(SPOTIFY_CLIENT)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SpotifyClient.class)
				.hasSingleBean(SpotifyTokenStore.class)
				.hasSingleBean(SpotifyClientProperties.class));
	}

	@Test
	void withoutADataSourceThereIsNoClient() {
		CoreContextRunner.withoutDatabase()
			.withConfiguration(SPOTIFY_CLIENT)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SpotifyClient.class)
				.doesNotHaveBean(SpotifyTokenStore.class));
	}

	@Test
	void theServicesOwnClientWinsAndStillGetsTheTokenStore() {
		CoreContextRunner.withDatabase()
			.withConfiguration(SPOTIFY_CLIENT)
			.withUserConfiguration(OwnClient.class)
			.run((context) -> {
				assertThat(context.getBeanNamesForType(SpotifyClient.class)).containsExactly("ownClient");
				assertThat(context).hasSingleBean(SpotifyTokenStore.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClient {

		@Bean
		SpotifyClient ownClient(SpotifyProperties spotify, SpotifyClientProperties properties, SpotifyTokenStore store,
				SpotifyAppPauses pauses, SpotifyApps apps) {
			return new SpotifyClient(spotify, properties, store, Clock.systemUTC(), new SimpleMeterRegistry(), pauses,
					apps);
		}

	}

}
