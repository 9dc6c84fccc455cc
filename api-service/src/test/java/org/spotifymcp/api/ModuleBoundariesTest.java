package org.spotifymcp.api;

import org.junit.jupiter.api.Test;

import static org.spotifymcp.shared.testing.ModuleBoundaries.importEngine;
import static org.spotifymcp.shared.testing.ModuleBoundaries.mustNotUse;
import static org.spotifymcp.shared.testing.ModuleBoundaries.productionClassesOf;

/**
 * The API accepts uploads through the core's import intake; only the collector runs the
 * import engine.
 */
class ModuleBoundariesTest {

	@Test
	void theApiNeverRunsTheImportEngine() {
		mustNotUse(importEngine()).check(productionClassesOf(ApiApplication.class));
	}

}
