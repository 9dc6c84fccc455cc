package org.spotifymcp.shared.crypto;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Checks {@code TOKEN_ENCRYPTION_KEY} before any bean is created, so a missing or
 * malformed key is the first and only thing the operator reads about (not a database
 * error that happens to come first). {@link TokenKeyFailureAnalyzer} turns the failure
 * into instructions.
 */
public class TokenKeyEnvironmentCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		TokenCipher.fromKeyList(this.environment.getProperty("app.token-encryption.key"));
	}

}
