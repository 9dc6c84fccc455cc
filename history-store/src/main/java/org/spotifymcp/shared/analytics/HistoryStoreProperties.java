package org.spotifymcp.shared.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code HISTORY_CACHE_SIZE}: how much memory {@link HistoryMemory} may keep rollup rows
 * in. Unset means an eighth of the heap, at most 96 MB; {@code 0} keeps nothing, so every
 * call reads its months from PostgreSQL (what {@code ./bench mcp --no-cache} measures).
 *
 * @param cacheSize the budget, or {@code null} for the default
 */
@ConfigurationProperties("app.history")
public record HistoryStoreProperties(DataSize cacheSize) {

	public HistoryStoreProperties {
		if (cacheSize != null && cacheSize.isNegative()) {
			throw new IllegalArgumentException("app.history.cache-size must not be negative, was " + cacheSize);
		}
	}

	HistoryMemory memory() {
		return (this.cacheSize != null) ? new HistoryMemory(this.cacheSize.toBytes()) : HistoryMemory.sizedForHeap();
	}

}
