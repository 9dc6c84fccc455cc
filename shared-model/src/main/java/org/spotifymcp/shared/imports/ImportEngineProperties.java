package org.spotifymcp.shared.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning and safety limits of the import engine ({@code IMPORT_BATCH_SIZE},
 * {@code IMPORT_MAX_UNCOMPRESSED_MB}, {@code IMPORT_MAX_COMPRESSION_RATIO}).
 *
 * @param batchSize music records per transaction (COPY + set-based insert)
 * @param maxUncompressedMb the most bytes all history files of one archive may inflate to
 * @param maxCompressionRatio the largest inflated/compressed ratio of one entry; JSON
 * exports compress 10-30x, zip bombs reach 1000x
 */
@Validated
@ConfigurationProperties("app.import-engine")
public record ImportEngineProperties(@Min(100) @Max(100000) int batchSize, @Min(1) long maxUncompressedMb,
		@Min(10) @Max(1100) int maxCompressionRatio) {

	public static ImportEngineProperties defaults() {
		return new ImportEngineProperties(10000, 20480, 200);
	}

	public long maxUncompressedBytes() {
		return this.maxUncompressedMb * 1024L * 1024L;
	}

}
