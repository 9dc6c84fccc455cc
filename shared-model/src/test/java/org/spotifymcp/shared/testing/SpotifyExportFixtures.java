package org.spotifymcp.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the real Spotify export samples in {@code shared/fixtures/spotify-exports}, which
 * sits beside the project's clone (tests run with a module folder as working directory).
 */
public final class SpotifyExportFixtures {

	private SpotifyExportFixtures() {
	}

	public static Path directory() {
		List<Path> candidates = List.of(Path.of("../../shared/fixtures/spotify-exports"),
				Path.of("../shared/fixtures/spotify-exports"), Path.of("/work/shared/fixtures/spotify-exports"));
		return candidates.stream()
			.filter(Files::isDirectory)
			.findFirst()
			.map(Path::toAbsolutePath)
			.map(Path::normalize)
			.orElseThrow(() -> new IllegalStateException(
					"the export fixtures are missing: expected shared/fixtures/spotify-exports beside the project"));
	}

}
