package org.spotifymcp.shared.imports;

import jakarta.persistence.Converter;

import org.spotifymcp.shared.config.LowercaseEnumConverter;

@Converter
class ImportStatusConverter extends LowercaseEnumConverter<ImportStatus> {

	ImportStatusConverter() {
		super(ImportStatus.class);
	}

}
