package org.spotifymcp.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.admin.AdministrationAutoConfiguration;
import org.spotifymcp.shared.admin.UserAdministration;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.crypto.TokenCipher;
import org.spotifymcp.shared.health.DatabaseHealth;
import org.spotifymcp.shared.health.HealthzController;
import org.spotifymcp.shared.imports.ImportIntake;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import org.spotifymcp.shared.testing.CoreContextRunner;

import org.springframework.boot.autoconfigure.AutoConfigurations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the core gives every service, and only that: the history store, the import engine
 * and the Spotify client come from their own modules.
 */
class SharedModelAutoConfigurationTest {

	@Test
	void everyServiceGetsTheCoreBeans() {
		CoreContextRunner.withDatabase()
			.withConfiguration(AutoConfigurations.of(AdministrationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(TokenCipher.class)
				.hasSingleBean(JobQueue.class)
				.hasSingleBean(ImportIntake.class)
				.hasSingleBean(McpTokenService.class)
				.hasSingleBean(AlertNotifier.class)
				.hasSingleBean(DatabaseHealth.class)
				.hasSingleBean(UserAdministration.class)
				// /healthz is for web services only
				.doesNotHaveBean(HealthzController.class)
				.doesNotHaveBean("historyAnalytics")
				.doesNotHaveBean("exportImporter")
				.doesNotHaveBean("spotifyClient"));
	}

	@Test
	void theServicesOwnClockWins() {
		Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
		CoreContextRunner.withDatabase()
			.withBean("fixedClock", Clock.class, () -> fixed)
			.run((context) -> assertThat(context).getBean(Clock.class).isSameAs(fixed));
	}

}
