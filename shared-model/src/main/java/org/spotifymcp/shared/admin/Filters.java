package org.spotifymcp.shared.admin;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.spotifymcp.shared.time.DatabaseTimeRange;

/**
 * Turns the text of query parameters into typed filters, naming the parameter when the
 * text does not fit.
 */
public final class Filters {

	private Filters() {
	}

	/**
	 * Parses an enum value case-insensitively; blank means no filter.
	 * @param <E> the enum
	 * @param field the parameter name, for the error
	 * @param value the text sent
	 * @param type the enum class
	 * @return the constant, or null when blank
	 */
	public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			String allowed = Arrays.stream(type.getEnumConstants())
				.map((constant) -> constant.name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
			throw new InvalidFilterException(field, "must be one of: " + allowed);
		}
	}

	/**
	 * Parses an instant ({@code 2025-01-31T10:00:00Z}) or a date ({@code 2025-01-31},
	 * meaning its start in UTC) that the database can compare with; blank means no
	 * filter.
	 * @param field the parameter name, for the error
	 * @param value the text sent
	 * @return the instant, or null when blank
	 * @throws InvalidFilterException naming the field when the text does not parse or
	 * lies outside {@link DatabaseTimeRange}
	 */
	public static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant instant = parseInstant(field, value.trim());
		if (!DatabaseTimeRange.contains(instant)) {
			throw new InvalidFilterException(field, "must be " + DatabaseTimeRange.DESCRIPTION);
		}
		return instant;
	}

	private static Instant parseInstant(String field, String text) {
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			if (text.length() == 16 || text.length() == 19) {
				// what an HTML datetime-local input sends: read as UTC
				return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			return java.time.OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeException ex) {
			// DateTimeParseException, or a parsed value beyond what Instant holds
			throw new InvalidFilterException(field,
					"must be an ISO-8601 date or date-time such as 2025-01-31T10:00:00Z");
		}
	}

	/**
	 * Parses a positive integer id; blank means no filter.
	 * @param field the parameter name, for the error
	 * @param value the text sent
	 * @return the id, or null when blank
	 */
	public static Integer positiveId(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			int id = Integer.parseInt(value.trim());
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidFilterException(field, "must be a positive integer");
	}

	/**
	 * Trims text filters; blank means no filter.
	 * @param value the text sent
	 * @return the trimmed text or null
	 */
	public static String text(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
