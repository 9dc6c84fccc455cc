package org.spotifymcp.shared.analytics;

import org.junit.jupiter.api.Test;

import static org.spotifymcp.shared.testing.ModuleBoundaries.importEngine;
import static org.spotifymcp.shared.testing.ModuleBoundaries.mustNotUse;
import static org.spotifymcp.shared.testing.ModuleBoundaries.productionClassesOf;
import static org.spotifymcp.shared.testing.ModuleBoundaries.spotifyClient;

/**
 * The history store only reads the core's tables; it neither calls Spotify nor imports.
 */
class HistoryStoreBoundariesTest {

	@Test
	void theHistoryStoreUsesNeitherTheSpotifyClientNorTheImportEngine() {
		mustNotUse(spotifyClient(), importEngine()).check(productionClassesOf(HistoryAnalytics.class));
	}

}
