package org.spotifymcp.shared.crypto;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks {@code TOKEN_ENCRYPTION_KEY} before anything else starts, so a missing or
 * malformed key is the first and only thing the operator reads about (not a database
 * error that happens to come first). {@link TokenKeyFailureAnalyzer} turns the failure
 * into instructions.
 */
public class TokenKeyEnvironmentCheck implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		TokenCipher.fromKeyList(environment.getProperty("app.token-encryption.key"));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
