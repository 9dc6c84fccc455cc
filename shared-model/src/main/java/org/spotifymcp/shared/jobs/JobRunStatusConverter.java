package org.spotifymcp.shared.jobs;

import jakarta.persistence.Converter;

import org.spotifymcp.shared.config.LowercaseEnumConverter;

@Converter
class JobRunStatusConverter extends LowercaseEnumConverter<JobRunStatus> {

	JobRunStatusConverter() {
		super(JobRunStatus.class);
	}

}
