package org.spotifymcp.shared.config;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum as its lowercase name, the way the schema's CHECK constraints spell
 * statuses.
 *
 * @param <E> the enum type
 */
public abstract class LowercaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

	private final Class<E> type;

	protected LowercaseEnumConverter(Class<E> type) {
		this.type = type;
	}

	@Override
	public String convertToDatabaseColumn(E value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT) : null;
	}

	@Override
	public E convertToEntityAttribute(String value) {
		return (value != null) ? Enum.valueOf(this.type, value.toUpperCase(Locale.ROOT)) : null;
	}

}
