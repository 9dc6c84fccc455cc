package org.spotifymcp.shared.modules;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.SharedModelAutoConfiguration;

import static org.spotifymcp.shared.testing.ModuleBoundaries.historyStore;
import static org.spotifymcp.shared.testing.ModuleBoundaries.importEngine;
import static org.spotifymcp.shared.testing.ModuleBoundaries.mustNotUse;
import static org.spotifymcp.shared.testing.ModuleBoundaries.productionClassesOf;
import static org.spotifymcp.shared.testing.ModuleBoundaries.spotifyClient;

/**
 * The core is what every service loads, so it depends on none of the modules built on it.
 */
class CoreBoundariesTest {

	@Test
	void theCoreUsesNoneOfTheModulesBuiltOnIt() {
		mustNotUse(historyStore(), spotifyClient(), importEngine())
			.check(productionClassesOf(SharedModelAutoConfiguration.class));
	}

}
