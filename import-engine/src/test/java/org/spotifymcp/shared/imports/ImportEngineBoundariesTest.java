package org.spotifymcp.shared.imports;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spotifymcp.shared.testing.ModuleBoundaries.historyStore;
import static org.spotifymcp.shared.testing.ModuleBoundaries.importEngine;
import static org.spotifymcp.shared.testing.ModuleBoundaries.mustNotUse;
import static org.spotifymcp.shared.testing.ModuleBoundaries.productionClassesOf;
import static org.spotifymcp.shared.testing.ModuleBoundaries.spotifyClient;

/**
 * The import engine writes plays from files; it reads no analytics and calls no Spotify.
 */
class ImportEngineBoundariesTest {

	@Test
	void theImportEngineUsesNeitherTheHistoryStoreNorTheSpotifyClient() {
		mustNotUse(historyStore(), spotifyClient()).check(productionClassesOf(ExportImporter.class));
	}

	@Test
	void theEngineIsToldApartFromTheIntakeItSharesAPackageWith() {
		ClassFileImporter importer = new ClassFileImporter();
		assertThat(importEngine().test(importer.importClass(ExportReader.class))).isTrue();
		assertThat(importEngine().test(importer.importClass(ImportEngineAutoConfiguration.class))).isTrue();
		assertThat(importEngine().test(importer.importClass(ImportIntake.class))).isFalse();
		assertThat(importEngine().test(importer.importClass(ImportStatus.class))).isFalse();
	}

}
