package org.spotifymcp.shared.imports;

import java.time.Clock;

import javax.sql.DataSource;

import org.spotifymcp.shared.SharedModelAutoConfiguration;
import org.spotifymcp.shared.config.ImportProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The export importer for the service that runs imports (the collector); the services
 * that only accept uploads use {@link ImportIntake} from the core and never load it.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, SharedModelAutoConfiguration.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({ ImportEngineProperties.class, ImportProperties.class })
public class ImportEngineAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExportImporter exportImporter(DataSource dataSource, ImportProperties properties, ImportEngineProperties engine,
			ObjectProvider<Clock> clock, @Value("${spring.application.name:service}") String serviceName) {
		return new ExportImporter(dataSource, properties, engine, clock.getIfAvailable(Clock::systemUTC),
				serviceName + "@" + ProcessHandle.current().pid());
	}

}
