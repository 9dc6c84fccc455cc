package org.spotifymcp.shared.spotify;

import org.junit.jupiter.api.Test;

import static org.spotifymcp.shared.testing.ModuleBoundaries.historyStore;
import static org.spotifymcp.shared.testing.ModuleBoundaries.importEngine;
import static org.spotifymcp.shared.testing.ModuleBoundaries.mustNotUse;
import static org.spotifymcp.shared.testing.ModuleBoundaries.productionClassesOf;

/**
 * The Spotify client talks to Spotify and stores tokens; it reads no history and imports
 * nothing.
 */
class SpotifyClientBoundariesTest {

	@Test
	void theSpotifyClientUsesNeitherTheHistoryStoreNorTheImportEngine() {
		mustNotUse(historyStore(), importEngine()).check(productionClassesOf(SpotifyClient.class));
	}

}
