package org.spotifymcp.shared.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning and safety limits of the import engine ({@code IMPORT_BATCH_SIZE},
 * {@code IMPORT_MAX_UNCOMPRESSED_MB}, {@code IMPORT_MAX_COMPRESSION_RATIO},
 * {@code IMPORT_MAX_ZIP_ENTRIES}).
 *
 * @param batchSize music records per transaction (COPY + set-based insert)
 * @param maxUncompressedMb the most bytes all history files of one archive may inflate to
 * @param maxCompressionRatio the largest inflated/compressed ratio of one entry; JSON
 * exports compress 10-30x, zip bombs reach 1000x
 * @param maxZipEntries the most files one archive may hold; Spotify's exports hold fewer
 * than 100, and every entry costs heap while the archive is listed
 */
@Validated
@ConfigurationProperties("app.import-engine")
public record ImportEngineProperties(@Min(100) @Max(100000) int batchSize, @Min(1) long maxUncompressedMb,
		@Min(10) @Max(1100) int maxCompressionRatio, @Min(1) @Max(1000000) int maxZipEntries) {

	/** Default of {@link #maxZipEntries()}. */
	public static final int DEFAULT_MAX_ZIP_ENTRIES = 5000;

	@ConstructorBinding
	public ImportEngineProperties(int batchSize, long maxUncompressedMb, int maxCompressionRatio,
			@DefaultValue("5000") int maxZipEntries) {
		this.batchSize = batchSize;
		this.maxUncompressedMb = maxUncompressedMb;
		this.maxCompressionRatio = maxCompressionRatio;
		this.maxZipEntries = maxZipEntries;
	}

	public ImportEngineProperties(int batchSize, long maxUncompressedMb, int maxCompressionRatio) {
		this(batchSize, maxUncompressedMb, maxCompressionRatio, DEFAULT_MAX_ZIP_ENTRIES);
	}

	public static ImportEngineProperties defaults() {
		return new ImportEngineProperties(10000, 20480, 200);
	}

	public long maxUncompressedBytes() {
		return this.maxUncompressedMb * 1024L * 1024L;
	}

}
