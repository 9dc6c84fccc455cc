package org.spotifymcp.shared.sync;

import jakarta.persistence.Converter;

import org.spotifymcp.shared.config.LowercaseEnumConverter;

@Converter
class CheckpointStatusConverter extends LowercaseEnumConverter<CheckpointStatus> {

	CheckpointStatusConverter() {
		super(CheckpointStatus.class);
	}

}
