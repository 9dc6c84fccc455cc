package org.spotifymcp.collector;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.spotifymcp.shared.testing.ModuleBoundaries.historyStore;
import static org.spotifymcp.shared.testing.ModuleBoundaries.importEngine;
import static org.spotifymcp.shared.testing.ModuleBoundaries.mustNotUse;
import static org.spotifymcp.shared.testing.ModuleBoundaries.productionClassesOf;
import static org.spotifymcp.shared.testing.ModuleBoundaries.spotifyClient;

/**
 * The collector writes history (polls and imports) and never reads the analytics, so it
 * runs without the history store's code and caches.
 */
class ModuleBoundariesTest {

	@Test
	void theCollectorNeverUsesTheHistoryStore() {
		mustNotUse(historyStore()).check(productionClassesOf(CollectorApplication.class));
	}

	@Test
	void theRuleSeesTheModulesTheCollectorDoesUse() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> mustNotUse(importEngine()).check(productionClassesOf(CollectorApplication.class)))
			.withMessageContaining("ExportImporter");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> mustNotUse(spotifyClient()).check(productionClassesOf(CollectorApplication.class)))
			.withMessageContaining("SpotifyClient");
	}

}
