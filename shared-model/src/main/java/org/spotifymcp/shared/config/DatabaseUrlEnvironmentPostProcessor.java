package org.spotifymcp.shared.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Translates {@code DATABASE_URL} (the variable docker-compose and the deployment guide
 * use) into Spring's datasource properties. Runs after config data so a value from
 * {@code .env} counts too.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE_NAME = "databaseUrl";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String value = environment.getProperty("DATABASE_URL");
		if (value == null || value.isBlank()) {
			return;
		}
		DatabaseUrl url = DatabaseUrl.parse(value);
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", url.jdbcUrl());
		if (url.username() != null) {
			properties.put("spring.datasource.username", url.username());
		}
		if (url.password() != null) {
			properties.put("spring.datasource.password", url.password());
		}
		environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
