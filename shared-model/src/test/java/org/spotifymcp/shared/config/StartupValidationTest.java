package org.spotifymcp.shared.config;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.crypto.InvalidTokenKeyException;
import org.spotifymcp.shared.crypto.TokenKeyFailureAnalyzer;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Wrong settings stop a service at start, and the message says how to fix them.
 */
class StartupValidationTest {

	private final String url = TestDatabase.createDatabase();

	/**
	 * Settings go in as command-line arguments, which outrank the defaults file like real
	 * variables do.
	 */
	private ConfigurableApplicationContext start(String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + this.url,
				"--spring.datasource.username=postgres", "--app.logs.database-sink=false"));
		for (String setting : settings) {
			arguments.add("--" + setting);
		}
		return new SpringApplicationBuilder(SharedModelTestApplication.class).web(WebApplicationType.NONE)
			.run(arguments.toArray(String[]::new));
	}

	@Test
	void aMissingTokenKeyStopsTheServiceWithInstructions() {
		assertThatThrownBy(() -> start("app.token-encryption.key=")).satisfies((failure) -> {
			FailureAnalysis analysis = new TokenKeyFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("TOKEN_ENCRYPTION_KEY is not set");
			assertThat(analysis.getAction()).contains("generate-key").contains("Fernet.generate_key()");
		}).isInstanceOf(InvalidTokenKeyException.class);
	}

	@Test
	void aMalformedTokenKeyIsRefused() {
		assertThatThrownBy(() -> start("app.token-encryption.key=abc")).isInstanceOf(InvalidTokenKeyException.class)
			.hasMessageContaining("entry 1 of 1");
	}

	@Test
	void anOutOfRangeIntervalIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> start("app.token-encryption.key=" + TestDatabase.TEST_TOKEN_KEY,
				"app.collector.interval-seconds=-5"))
			.hasRootCauseInstanceOf(BindValidationException.class)
			.rootCause()
			.hasMessageContaining("intervalSeconds");
	}

	@Test
	void databaseUrlInComposeFormIsHonoured() {
		String composeForm = this.url.replace("jdbc:postgresql://", "postgresql://postgres:@");
		try (ConfigurableApplicationContext context = start("app.token-encryption.key=" + TestDatabase.TEST_TOKEN_KEY,
				"DATABASE_URL=" + composeForm, "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/wrong")) {
			assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(this.url);
		}
	}

}
