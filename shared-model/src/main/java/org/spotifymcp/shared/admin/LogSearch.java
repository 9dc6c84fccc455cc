package org.spotifymcp.shared.admin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.spotifymcp.shared.logs.LogEntry;
import org.spotifymcp.shared.logs.LogEntryRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searches and purges the {@code logs} table for the admin API and UI. Newest first.
 */
public class LogSearch {

	private final JdbcTemplate jdbc;

	private final LogEntryRepository logs;

	public LogSearch(JdbcTemplate jdbc, LogEntryRepository logs) {
		this.jdbc = jdbc;
		this.logs = logs;
	}

	@Transactional(readOnly = true)
	public PageOf<LogEntry> search(LogFilter filter, PageRequest page) {
		SqlConditions conditions = new SqlConditions().addIfPresent(filter.service(), "service = ?")
			.addIfPresent((filter.level() != null) ? filter.level().name() : null, "level = ?")
			.addIfPresent(timestamp(filter.since()), "timestamp >= ?")
			.addIfPresent(timestamp(filter.until()), "timestamp < ?");
		if (filter.text() != null) {
			String pattern = "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			conditions.add("(message ilike ? or logger ilike ? or context::text ilike ?)", pattern, pattern, pattern);
		}
		return search(conditions, page);
	}

	/**
	 * The newest events that need an operator's eye: warnings and errors alike, since
	 * failed imports and failed polls are logged as warnings.
	 * @param page which page
	 * @return WARN and ERROR events, newest first
	 */
	@Transactional(readOnly = true)
	public PageOf<LogEntry> warningsAndErrors(PageRequest page) {
		return search(new SqlConditions().add("level in (?, ?)", LogLevel.WARN.name(), LogLevel.ERROR.name()), page);
	}

	private PageOf<LogEntry> search(SqlConditions conditions, PageRequest page) {
		Long total = this.jdbc.queryForObject("select count(*) from logs" + conditions.where(), Long.class,
				conditions.values());
		List<Long> ids = this.jdbc.queryForList(
				"select id from logs" + conditions.where() + " order by timestamp desc, id desc limit ? offset ?",
				Long.class, conditions.values(page.size(), page.offset()));
		Map<Long, LogEntry> byId = this.logs.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(LogEntry::getId, Function.identity()));
		List<LogEntry> items = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
		return new PageOf<>(items, page.page(), page.size(), (total != null) ? total : 0);
	}

	/**
	 * The services that have written logs, for filter menus.
	 * @return service names, sorted
	 */
	public List<String> services() {
		return this.jdbc.queryForList("select distinct service from logs", String.class)
			.stream()
			.sorted(Comparator.naturalOrder())
			.toList();
	}

	/**
	 * Deletes log rows older than a number of days.
	 * @param days how many days to keep, at least 0 (0 deletes everything up to now)
	 * @param now the current time
	 * @return how many rows were deleted and the cutoff used
	 */
	public PurgeResult purgeOlderThan(int days, Instant now) {
		if (days < 0 || days > 36500) {
			throw new InvalidFilterException("days", "must be between 0 and 36500");
		}
		Instant cutoff = now.minus(java.time.Duration.ofDays(days));
		int deleted = this.jdbc.update("delete from logs where timestamp < ?", Timestamp.from(cutoff));
		return new PurgeResult(deleted, cutoff);
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * What to look for in the logs; every part is optional.
	 *
	 * @param service the service that wrote the event
	 * @param level the exact level
	 * @param text words in the message, logger or context
	 * @param since events at or after this instant
	 * @param until events before this instant
	 */
	public record LogFilter(String service, LogLevel level, String text, Instant since, Instant until) {

		public LogFilter {
			if (since != null && until != null && !since.isBefore(until)) {
				throw new InvalidFilterException("until", "must be after since");
			}
		}

		/**
		 * Builds a filter from query parameter text.
		 * @param service service name or blank
		 * @param level level name or blank
		 * @param text search text or blank
		 * @param since ISO date/time or blank
		 * @param until ISO date/time or blank
		 * @return the filter
		 * @throws InvalidFilterException naming the parameter that does not parse
		 */
		public static LogFilter parse(String service, String level, String text, String since, String until) {
			return new LogFilter(Filters.text(service), Filters.enumValue("level", level, LogLevel.class),
					Filters.text(text), Filters.instant("since", since), Filters.instant("until", until));
		}

	}

	/**
	 * The outcome of a purge.
	 *
	 * @param deleted rows removed
	 * @param cutoff rows older than this were removed
	 */
	public record PurgeResult(int deleted, Instant cutoff) {

	}

}
