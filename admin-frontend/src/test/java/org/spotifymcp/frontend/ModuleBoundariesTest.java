package org.spotifymcp.frontend;

import org.junit.jupiter.api.Test;

import static org.spotifymcp.shared.testing.ModuleBoundaries.importEngine;
import static org.spotifymcp.shared.testing.ModuleBoundaries.mustNotUse;
import static org.spotifymcp.shared.testing.ModuleBoundaries.productionClassesOf;
import static org.spotifymcp.shared.testing.ModuleBoundaries.spotifyClient;

/**
 * The admin UI reads the database only: it never calls Spotify, and uploads go through
 * the core's import intake to the collector's import engine.
 */
class ModuleBoundariesTest {

	@Test
	void theAdminUiUsesNeitherTheSpotifyClientNorTheImportEngine() {
		mustNotUse(spotifyClient(), importEngine()).check(productionClassesOf(AdminFrontendApplication.class));
	}

}
