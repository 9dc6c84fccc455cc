package org.spotifymcp.collector.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.config.OperationsProperties;
import org.spotifymcp.shared.logs.LogEntryRepository;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code logs} rows older than {@code LOG_RETENTION_DAYS}, once a day. Running it
 * on several collectors at once is harmless: the delete is idempotent.
 */
@Component
public class LogRetentionJob {

	private static final Logger logger = LoggerFactory.getLogger(LogRetentionJob.class);

	private final LogEntryRepository logs;

	private final OperationsProperties operations;

	private final Clock clock;

	public LogRetentionJob(LogEntryRepository logs, OperationsProperties operations, Clock clock) {
		this.logs = logs;
		this.operations = operations;
		this.clock = clock;
	}

	@Scheduled(cron = "${app.logs.purge-cron:0 17 3 * * *}", zone = "UTC")
	public int purgeExpiredLogs() {
		Instant cutoff = this.clock.instant().minus(Duration.ofDays(this.operations.logRetentionDays()));
		int deleted = this.logs.deleteOlderThan(cutoff);
		logger.info(LogEvents.PERSIST, "purged {} log rows older than {} days", deleted,
				this.operations.logRetentionDays());
		return deleted;
	}

}
