package org.spotifymcp.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the real Spotify export samples kept in
 * {@code shared-model/src/test/resources/spotify-exports} (see the README there for their
 * origin and redaction). Tests run with a module folder as working directory, so the
 * folder is looked up from there; it is read from the file system rather than the
 * classpath because other modules get this class from shared-model's test jar.
 */
public final class SpotifyExportFixtures {

	private SpotifyExportFixtures() {
	}

	public static Path directory() {
		List<Path> candidates = List.of(Path.of("src/test/resources/spotify-exports"),
				Path.of("../shared-model/src/test/resources/spotify-exports"));
		return candidates.stream()
			.filter(Files::isDirectory)
			.findFirst()
			.map(Path::toAbsolutePath)
			.map(Path::normalize)
			.orElseThrow(() -> new IllegalStateException(
					"the export fixtures are missing: expected shared-model/src/test/resources/spotify-exports"));
	}

}
