package org.spotifymcp.shared.plays;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
class PlaySourceConverter implements AttributeConverter<PlaySource, Short> {

	@Override
	public Short convertToDatabaseColumn(PlaySource source) {
		return (source != null) ? source.code() : null;
	}

	@Override
	public PlaySource convertToEntityAttribute(Short code) {
		return (code != null) ? PlaySource.fromCode(code) : null;
	}

}
