package org.spotifymcp.shared.analytics;

import java.time.Clock;

import javax.sql.DataSource;

import org.spotifymcp.shared.SharedModelAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The history store's query side for the services that read listening history (the API
 * and the admin UI); a service without it never loads the analytics or their caches.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		HibernateJpaAutoConfiguration.class, SharedModelAutoConfiguration.class })
@ConditionalOnBean({ DataSource.class, PlatformTransactionManager.class })
@EnableConfigurationProperties(HistoryStoreProperties.class)
public class HistoryStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HistoryAnalytics historyAnalytics(DataSource dataSource, ObjectProvider<Clock> clock,
			PlatformTransactionManager transactions, HistoryStoreProperties properties) {
		return new HistoryAnalytics(new NamedParameterJdbcTemplate(dataSource), clock.getIfAvailable(Clock::systemUTC),
				new TransactionTemplate(transactions), properties.memory());
	}

}
