package org.spotifymcp.collector;

import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.spotifymcp.shared.testing.ModuleBoundaries.historyStore;
import static org.spotifymcp.shared.testing.ModuleBoundaries.importEngine;
import static org.spotifymcp.shared.testing.ModuleBoundaries.mustNotUse;
import static org.spotifymcp.shared.testing.ModuleBoundaries.productionClassesOf;
import static org.spotifymcp.shared.testing.ModuleBoundaries.spotifyClient;

/**
 * The collector writes history (polls and imports) and reads the analytics only to fill
 * listeners' top-hits playlists, which must count plays exactly as every other reader
 * does; polling, syncs and imports never touch the history store.
 */
class ModuleBoundariesTest {

	@Test
	void onlyThePlaylistsUseTheHistoryStore() {
		noClasses().that()
			.resideOutsideOfPackage("org.spotifymcp.collector.playlists..")
			.should()
			.dependOnClassesThat(historyStore())
			.check(productionClassesOf(CollectorApplication.class));
	}

	@Test
	void theRuleSeesTheModulesTheCollectorDoesUse() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> mustNotUse(importEngine()).check(productionClassesOf(CollectorApplication.class)))
			.withMessageContaining("ExportImporter");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> mustNotUse(spotifyClient()).check(productionClassesOf(CollectorApplication.class)))
			.withMessageContaining("SpotifyClient");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> mustNotUse(historyStore()).check(productionClassesOf(CollectorApplication.class)))
			.withMessageContaining("TopHitsPlaylists");
	}

}
