package org.spotifymcp.shared.testing;

import org.spotifymcp.shared.SharedModelAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * {@link ApplicationContextRunner}s for the auto-configuration tests of the modules: the
 * settings a service reads ({@code application.yml} and its defaults), with or without a
 * database.
 */
public final class CoreContextRunner {

	private CoreContextRunner() {
	}

	/**
	 * A context as a service has it: a fresh database migrated by Flyway, JPA and the
	 * core's auto-configuration.
	 * @return the runner; add the module's auto-configuration to it
	 */
	public static ApplicationContextRunner withDatabase() {
		String url = TestDatabase.createDatabase();
		return withoutDatabase()
			.withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=postgres",
					"spring.datasource.password=")
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					FlywayAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					DataJpaRepositoriesAutoConfiguration.class, SharedModelAutoConfiguration.class));
	}

	/**
	 * The same settings but no data source at all.
	 * @return the runner; add the module's auto-configuration to it
	 */
	public static ApplicationContextRunner withoutDatabase() {
		return new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withPropertyValues("app.token-encryption.key=" + TestDatabase.TEST_TOKEN_KEY,
					"app.admin.token=" + TestDatabase.TEST_ADMIN_TOKEN);
	}

}
