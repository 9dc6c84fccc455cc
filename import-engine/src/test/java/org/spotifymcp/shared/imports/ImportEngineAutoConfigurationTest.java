package org.spotifymcp.shared.imports;

import java.time.Clock;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.config.ImportProperties;
import org.spotifymcp.shared.testing.CoreContextRunner;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export importer comes with a database, bound to the engine's settings, and gives
 * way to a service's own.
 */
class ImportEngineAutoConfigurationTest {

	private static final AutoConfigurations IMPORT_ENGINE = AutoConfigurations.of(ImportEngineAutoConfiguration.class);

	@Test
	void aServiceWithTheDatabaseGetsTheImporterAndItsSettings() {
		CoreContextRunner.withDatabase()
			.withConfiguration(IMPORT_ENGINE)
			.withPropertyValues("app.import-engine.batch-size=1234")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ExportImporter.class);
				assertThat(context.getBean(ImportEngineProperties.class).batchSize()).isEqualTo(1234);
			});
	}

	@Test
	void withoutADataSourceThereIsNoImporter() {
		CoreContextRunner.withoutDatabase()
			.withConfiguration(IMPORT_ENGINE)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ExportImporter.class)
				.doesNotHaveBean(ImportEngineProperties.class));
	}

	@Test
	void theServicesOwnImporterWins() {
		CoreContextRunner.withDatabase()
			.withConfiguration(IMPORT_ENGINE)
			.withUserConfiguration(OwnImporter.class)
			.run((context) -> assertThat(context.getBeanNamesForType(ExportImporter.class))
				.containsExactly("ownImporter"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnImporter {

		@Bean
		ExportImporter ownImporter(DataSource dataSource, ImportProperties properties, ImportEngineProperties engine) {
			return new ExportImporter(dataSource, properties, engine, Clock.systemUTC(), "own");
		}

	}

}
