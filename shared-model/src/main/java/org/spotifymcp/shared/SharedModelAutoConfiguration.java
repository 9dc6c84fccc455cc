package org.spotifymcp.shared;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.JavaSerializer;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.alerts.AlertProperties;
import org.spotifymcp.shared.apps.SpotifyAppInvites;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.config.AdminProperties;
import org.spotifymcp.shared.config.CollectorProperties;
import org.spotifymcp.shared.config.ImportProperties;
import org.spotifymcp.shared.config.OperationsProperties;
import org.spotifymcp.shared.config.SpotifyProperties;
import org.spotifymcp.shared.config.TokenEncryptionProperties;
import org.spotifymcp.shared.crypto.TokenCipher;
import org.spotifymcp.shared.crypto.TokenKeyEnvironmentCheck;
import org.spotifymcp.shared.health.DatabaseHealth;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.health.HealthzController;
import org.spotifymcp.shared.imports.ImportIntake;
import org.spotifymcp.shared.imports.ImportJobRepository;
import org.spotifymcp.shared.logs.DatabaseLogSink;
import org.spotifymcp.shared.mcptokens.McpTokenRepository;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every service gets from the shared core: entities and repositories, validated
 * settings, the token cipher, the job queue, import intake, alerts, the database log sink
 * and {@code /healthz}. The history store, the import engine and the Spotify client come
 * with their own modules and auto-configurations.
 */
@AutoConfiguration
@EntityScan(basePackageClasses = SharedModelAutoConfiguration.class)
@EnableJpaRepositories(basePackageClasses = SharedModelAutoConfiguration.class)
@EnableConfigurationProperties({ SpotifyProperties.class, AdminProperties.class, CollectorProperties.class,
		ImportProperties.class, OperationsProperties.class, TokenEncryptionProperties.class, AlertProperties.class })
public class SharedModelAutoConfiguration {

	@Bean
	static TokenKeyEnvironmentCheck tokenKeyEnvironmentCheck() {
		return new TokenKeyEnvironmentCheck();
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	TokenCipher tokenCipher(TokenEncryptionProperties properties) {
		return TokenCipher.fromKeyList(properties.key());
	}

	@Bean
	@ConditionalOnMissingBean
	JobQueue jobQueue(DataSource dataSource, Clock clock) {
		return new JobQueue(
				SchedulerClient.Builder.create(dataSource).serializer(new JavaSerializer()).enablePriority().build(),
				clock);
	}

	/**
	 * The Spotify apps users are attached to: read by the Spotify client for every call,
	 * managed by the admin API and UI.
	 */
	@Bean
	@ConditionalOnMissingBean
	SpotifyApps spotifyApps(DataSource dataSource, TokenCipher cipher, SpotifyProperties spotify, Clock clock,
			PlatformTransactionManager transactionManager) {
		return new SpotifyApps(new JdbcTemplate(dataSource), cipher, spotify, clock,
				new TransactionTemplate(transactionManager));
	}

	@Bean
	@ConditionalOnMissingBean
	SpotifyAppInvites spotifyAppInvites(DataSource dataSource, Clock clock) {
		return new SpotifyAppInvites(new JdbcTemplate(dataSource), clock);
	}

	@Bean
	McpTokenService mcpTokenService(McpTokenRepository tokens, Clock clock) {
		return new McpTokenService(tokens, clock);
	}

	@Bean
	ImportIntake importIntake(UserRepository users, ImportJobRepository jobs, JobQueue jobQueue,
			ImportProperties properties) {
		return new ImportIntake(users, jobs, jobQueue, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	AlertNotifier alertNotifier(DataSource dataSource, OperationsProperties operations, AlertProperties alerts,
			Clock clock, ObjectProvider<MeterRegistry> meters,
			@Value("${spring.application.name:service}") String serviceName) {
		return new AlertNotifier(new JdbcTemplate(dataSource), operations.alertWebhookUrl(), alerts, clock, serviceName,
				meters.getIfAvailable());
	}

	@Bean
	DatabaseHealth databaseHealth(DataSource dataSource) {
		return new DatabaseHealth(dataSource);
	}

	@Bean
	@ConditionalOnWebApplication
	HealthzController healthzController(DatabaseHealth databaseHealth,
			@Value("${spring.application.name:service}") String serviceName) {
		return new HealthzController(databaseHealth, serviceName);
	}

	@Bean
	@ConditionalOnProperty(name = "app.logs.database-sink", havingValue = "true", matchIfMissing = true)
	DatabaseLogSink databaseLogSink(DataSource dataSource,
			@Value("${spring.application.name:service}") String serviceName) {
		return new DatabaseLogSink(new JdbcTemplate(dataSource), serviceName);
	}

}
