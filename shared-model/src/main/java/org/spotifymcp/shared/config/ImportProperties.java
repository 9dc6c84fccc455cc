package org.spotifymcp.shared.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Export imports: {@code UPLOAD_DIR}, {@code IMPORT_*} variables.
 *
 * @param uploadDir where uploaded exports are stored until imported
 * @param watchDir optional folder whose {@code <user>/} sub-folders are imported
 * automatically
 * @param maxZipSizeMb the largest upload accepted
 * @param maxRecords the most records one import may hold
 * @param keepExtraFields keep reason_start/end, shuffle, skipped, offline, platform,
 * conn_country
 * @param crossSourceToleranceSeconds how far apart an export record and a polled play of
 * the same track may be and still be one listen
 */
@Validated
@ConfigurationProperties("app.import")
public record ImportProperties(@NotBlank String uploadDir, String watchDir, @Min(1) @Max(100000) int maxZipSizeMb,
		@Min(1) long maxRecords, boolean keepExtraFields, @Min(0) @Max(3600) int crossSourceToleranceSeconds) {

	public long maxZipSizeBytes() {
		return this.maxZipSizeMb * 1024L * 1024L;
	}

}
