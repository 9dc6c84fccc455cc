package org.spotifymcp.shared.analytics;

import java.time.Clock;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.CoreContextRunner;
import org.spotifymcp.shared.testing.RollupChecks;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history store's beans come with a database and give way to a service's own.
 */
class HistoryStoreAutoConfigurationTest {

	private static final AutoConfigurations HISTORY_STORE = AutoConfigurations.of(HistoryStoreAutoConfiguration.class);

	@Test
	void aServiceWithTheDatabaseGetsTheAnalytics() {
		CoreContextRunner.withDatabase().withConfiguration(HISTORY_STORE).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(HistoryAnalytics.class);
			int user = new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("insert into users (display_name) values ('Ada') returning id", Integer.class);
			assertThat(
					context.getBean(HistoryAnalytics.class).topTracks(user, WindowRequest.allTime("UTC"), 5).tracks())
				.isEmpty();
		});
	}

	@Test
	void withTheCacheTurnedOffTheAnswersComeFromTheDatabase() {
		CoreContextRunner.withDatabase()
			.withConfiguration(HISTORY_STORE)
			.withPropertyValues("app.history.cache-size=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				int user = jdbc.queryForObject("insert into users (display_name) values ('Ada') returning id",
						Integer.class);
				int track = jdbc.queryForObject("insert into tracks (spotify_id, name, duration_ms)"
						+ " values ('cache-off-track', 'Uncached', 200000) returning id", Integer.class);
				for (int i = 1; i <= 3; i++) {
					jdbc.update("insert into plays (played_at, user_id, track_id, ms_played, source)"
							+ " values (now() - make_interval(days => ?), ?, ?, 180000, 1)", i, user, track);
				}
				RollupChecks.apply(jdbc, user);
				HistoryAnalytics analytics = context.getBean(HistoryAnalytics.class);
				for (int call = 0; call < 2; call++) {
					assertThat(analytics.topTracks(user, WindowRequest.allTime("UTC"), 5).tracks()).singleElement()
						.satisfies((top) -> assertThat(top.plays()).isEqualTo(3));
				}
			});
	}

	@Test
	void aNegativeCacheSizeStopsTheStartNamingTheSetting() {
		CoreContextRunner.withDatabase()
			.withConfiguration(HISTORY_STORE)
			.withPropertyValues("app.history.cache-size=-1MB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("app.history.cache-size"));
	}

	@Test
	void withoutADataSourceThereAreNoAnalytics() {
		CoreContextRunner.withoutDatabase()
			.withConfiguration(HISTORY_STORE)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HistoryAnalytics.class));
	}

	@Test
	void theServicesOwnAnalyticsWin() {
		CoreContextRunner.withDatabase()
			.withConfiguration(HISTORY_STORE)
			.withUserConfiguration(OwnAnalytics.class)
			.run((context) -> assertThat(context.getBeanNamesForType(HistoryAnalytics.class))
				.containsExactly("ownAnalytics"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAnalytics {

		@Bean
		HistoryAnalytics ownAnalytics(DataSource dataSource, PlatformTransactionManager transactions) {
			return new HistoryAnalytics(new NamedParameterJdbcTemplate(dataSource), Clock.systemUTC(),
					new TransactionTemplate(transactions), HistoryMemory.sizedForHeap());
		}

	}

}
