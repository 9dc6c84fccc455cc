package org.spotifymcp.shared.logs;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Copies the important log events of this service into the {@code logs} table. Events are
 * queued by the appender and written in batches by one background thread, so a slow or
 * unreachable database never blocks or fails the code that logged.
 */
public class DatabaseLogSink implements SmartLifecycle {

	private static final int QUEUE_CAPACITY = 10_000;

	private static final int BATCH_SIZE = 200;

	private static final String INSERT = "insert into logs (timestamp, service, level, logger, message, context) "
			+ "values (?, ?, ?, ?, ?, ?::jsonb)";

	private final JdbcTemplate jdbcTemplate;

	private final String serviceName;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final BlockingQueue<PendingLogEntry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

	private final DatabaseLogAppender appender = new DatabaseLogAppender(this.queue);

	private volatile boolean running;

	private Thread writer;

	private long lastFailureReportMillis;

	public DatabaseLogSink(JdbcTemplate jdbcTemplate, String serviceName) {
		this.jdbcTemplate = jdbcTemplate;
		this.serviceName = serviceName;
	}

	@Override
	public void start() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.appender.setContext(context);
		this.appender.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
		this.running = true;
		this.writer = new Thread(this::drainUntilStopped, "db-log-writer");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	@Override
	public void stop() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
		this.appender.stop();
		this.running = false;
		if (this.writer != null) {
			this.writer.interrupt();
			try {
				this.writer.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		flush();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the data source users, starts before them: log events of shutdown are
	 * kept.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

	/**
	 * Writes everything queued so far, including a batch the writer thread is busy with;
	 * used at shutdown and by tests.
	 */
	public void flush() {
		List<PendingLogEntry> batch = new ArrayList<>();
		while (this.queue.drainTo(batch, BATCH_SIZE) > 0) {
			write(batch);
			batch.clear();
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.appender.unwrittenCount() > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
	}

	public long droppedCount() {
		return this.appender.droppedCount();
	}

	private void drainUntilStopped() {
		List<PendingLogEntry> batch = new ArrayList<>();
		while (this.running) {
			try {
				PendingLogEntry first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, BATCH_SIZE - 1);
				write(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void write(List<PendingLogEntry> batch) {
		try {
			this.jdbcTemplate.batchUpdate(INSERT, batch, batch.size(), (statement, entry) -> {
				statement.setTimestamp(1, Timestamp.from(entry.timestamp()));
				statement.setString(2, this.serviceName);
				statement.setString(3, entry.level());
				statement.setString(4, entry.logger());
				statement.setString(5, entry.message());
				statement.setString(6, this.jsonMapper.writeValueAsString(entry.context()));
			});
		}
		catch (RuntimeException ex) {
			reportFailure(batch.size(), ex);
		}
		finally {
			this.appender.written(batch.size());
		}
	}

	/**
	 * Reports on stderr, not through the logger, so a database outage cannot feed on
	 * itself; at most once a minute.
	 */
	private void reportFailure(int lost, RuntimeException ex) {
		long now = System.currentTimeMillis();
		if (now - this.lastFailureReportMillis > 60_000) {
			this.lastFailureReportMillis = now;
			System.err.println("database log sink: " + lost + " log events not stored: " + ex.getMessage());
		}
	}

}
