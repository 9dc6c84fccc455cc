package org.spotifymcp.shared.logs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * Picks the events worth keeping (WARN and above, INFO marked {@link LogEvents#PERSIST})
 * and hands them to a bounded queue. Never blocks the logging thread: when the queue is
 * full the event is dropped and counted.
 */
class DatabaseLogAppender extends AppenderBase<ILoggingEvent> {

	private static final int MAX_MESSAGE_CHARS = 4000;

	private static final String[] IGNORED_LOGGER_PREFIXES = { "org.spotifymcp.shared.logs", "com.zaxxer.hikari",
			"org.postgresql", "org.hibernate.engine.jdbc" };

	private final BlockingQueue<PendingLogEntry> queue;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong unwritten = new AtomicLong();

	DatabaseLogAppender(BlockingQueue<PendingLogEntry> queue) {
		this.queue = queue;
		setName("database");
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (!isKept(event)) {
			return;
		}
		this.unwritten.incrementAndGet();
		if (!this.queue.offer(toEntry(event))) {
			this.unwritten.decrementAndGet();
			this.dropped.incrementAndGet();
		}
	}

	/** Accepted events not yet written (or given up on) by the sink. */
	long unwrittenCount() {
		return this.unwritten.get();
	}

	void written(int count) {
		this.unwritten.addAndGet(-count);
	}

	long droppedCount() {
		return this.dropped.get();
	}

	private boolean isKept(ILoggingEvent event) {
		for (String prefix : IGNORED_LOGGER_PREFIXES) {
			if (event.getLoggerName().startsWith(prefix)) {
				return false;
			}
		}
		if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
			return true;
		}
		return event.getLevel() == Level.INFO && event.getMarkerList() != null
				&& event.getMarkerList().contains(LogEvents.PERSIST);
	}

	private PendingLogEntry toEntry(ILoggingEvent event) {
		Map<String, Object> context = new LinkedHashMap<>(event.getMDCPropertyMap());
		if (event.getKeyValuePairs() != null) {
			event.getKeyValuePairs().forEach((pair) -> context.put(pair.key, String.valueOf(pair.value)));
		}
		IThrowableProxy error = event.getThrowableProxy();
		if (error != null) {
			context.put("error", error.getClassName() + ": " + error.getMessage());
		}
		String message = event.getFormattedMessage();
		if (message != null && message.length() > MAX_MESSAGE_CHARS) {
			message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
		}
		return new PendingLogEntry(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
				event.getLoggerName(), (message != null) ? message : "", context);
	}

}
