package org.spotifymcp.shared.rollups;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The play-counting rule and the rollup rebuild. The rule is written to the database by
 * the collector only (it writes the plays); other services read it there.
 */
@AutoConfiguration
@EnableConfigurationProperties(PlayCountingProperties.class)
public class RollupsAutoConfiguration {

	@Bean
	RollupRebuild rollupRebuild(DataSource dataSource) {
		return new RollupRebuild(new JdbcTemplate(dataSource));
	}

	@Bean
	PlayCountRule playCountRule(DataSource dataSource, PlatformTransactionManager transactions,
			PlayCountingProperties properties) {
		return new PlayCountRule(new JdbcTemplate(dataSource), new TransactionTemplate(transactions), properties);
	}

}
