package org.spotifymcp.shared.admin;

import java.time.Clock;

import javax.sql.DataSource;

import org.spotifymcp.shared.SharedModelAutoConfiguration;
import org.spotifymcp.shared.config.LoginThrottleProperties;
import org.spotifymcp.shared.consent.SpotifyConsents;
import org.spotifymcp.shared.imports.ImportJobRepository;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobRunRepository;
import org.spotifymcp.shared.logs.LogEntryRepository;
import org.spotifymcp.shared.oauth.OAuthClientQueries;
import org.spotifymcp.shared.playlists.PlaylistLedger;
import org.spotifymcp.shared.playlists.PlaylistPreferences;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.SpotifyTokenRepository;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin operations both the admin API and the admin UI use, so the two never disagree
 * about what pausing or deleting a user means.
 */
@AutoConfiguration(after = SharedModelAutoConfiguration.class)
@EnableConfigurationProperties(LoginThrottleProperties.class)
public class AdministrationAutoConfiguration {

	@Bean
	FailedLoginThrottle failedLoginThrottle(LoginThrottleProperties properties) {
		return new FailedLoginThrottle(properties.maxFailuresPerMinute());
	}

	/**
	 * Listeners' six-month Spotify consents: read by the admin and listener pages,
	 * written by the login and the collector's consent watch.
	 */
	@Bean
	@ConditionalOnMissingBean
	SpotifyConsents spotifyConsents(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
		return new SpotifyConsents(new JdbcTemplate(dataSource), transactionManager, clock);
	}

	@Bean
	UserOverviewQuery userOverviewQuery(DataSource dataSource, Clock clock) {
		return new UserOverviewQuery(new JdbcTemplate(dataSource), clock);
	}

	@Bean
	UserAdministration userAdministration(UserRepository users, SyncCheckpointRepository checkpoints,
			SpotifyTokenRepository tokens, JobQueue jobQueue, DataSource dataSource,
			OAuthClientQueries oauthClientQueries) {
		return new UserAdministration(users, checkpoints, tokens, jobQueue, new JdbcTemplate(dataSource),
				oauthClientQueries);
	}

	@Bean
	PlaylistLedger playlistLedger(DataSource dataSource) {
		return new PlaylistLedger(new JdbcTemplate(dataSource));
	}

	/** Top-hits playlist settings, for the admin UI and the listener's settings. */
	@Bean
	PlaylistPreferences playlistPreferences(DataSource dataSource, PlaylistLedger ledger, JobQueue jobQueue,
			PlatformTransactionManager transactions, Clock clock) {
		return new PlaylistPreferences(new JdbcTemplate(dataSource), ledger, jobQueue,
				new TransactionTemplate(transactions), clock);
	}

	@Bean
	LogSearch logSearch(DataSource dataSource, LogEntryRepository logs) {
		return new LogSearch(new JdbcTemplate(dataSource), logs);
	}

	@Bean
	JobRunSearch jobRunSearch(DataSource dataSource, JobRunRepository jobRuns) {
		return new JobRunSearch(new JdbcTemplate(dataSource), jobRuns);
	}

	@Bean
	ImportJobSearch importJobSearch(DataSource dataSource, ImportJobRepository importJobs) {
		return new ImportJobSearch(new JdbcTemplate(dataSource), importJobs);
	}

	@Bean
	OAuthClientQueries oauthClientQueries(DataSource dataSource, PlatformTransactionManager transactions) {
		return new OAuthClientQueries(new JdbcTemplate(dataSource), new TransactionTemplate(transactions));
	}

}
