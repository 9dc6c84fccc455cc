package org.spotifymcp.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON file an emulator keeps its {@link EmulatorState} in. Every save writes a
 * temporary file next to it and moves it over the old one, so a crash leaves either the
 * previous or the new state, never half of one. The file holds tokens, so it is readable
 * by its owner only (the default for temporary files on POSIX systems).
 */
final class StateFile {

	private final Path path;

	private final JsonMapper mapper = JsonMapper.builder().build();

	StateFile(Path path) {
		this.path = path.toAbsolutePath();
	}

	Path path() {
		return this.path;
	}

	/**
	 * The saved state, or empty when the file does not exist yet.
	 * @param expectedSeed the seed of the emulator that will use it
	 * @throws IllegalStateException naming the file and field when it cannot be used
	 */
	Optional<EmulatorState> read(long expectedSeed) {
		if (!Files.exists(this.path)) {
			return Optional.empty();
		}
		EmulatorState state;
		try {
			state = this.mapper.readValue(this.path.toFile(), EmulatorState.class);
		}
		catch (JacksonException ex) {
			throw unusable(ex.getOriginalMessage() + locationOf(ex));
		}
		if (state == null) {
			throw unusable("the file is empty");
		}
		String problem = state.problem(expectedSeed);
		if (problem != null) {
			throw unusable(problem);
		}
		return Optional.of(state);
	}

	/**
	 * Writes a state taken while holding this file's lock, so that of two concurrent
	 * saves the later snapshot is the one that stays.
	 */
	synchronized void save(Supplier<EmulatorState> snapshot) {
		try {
			Files.createDirectories(this.path.getParent());
			Path temporary = Files.createTempFile(this.path.getParent(), this.path.getFileName() + ".", ".tmp");
			try {
				try (OutputStream out = Files.newOutputStream(temporary)) {
					this.mapper.writerWithDefaultPrettyPrinter().writeValue(out, snapshot.get());
				}
				move(temporary);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not save the emulator state to " + this.path, ex);
		}
	}

	private void move(Path temporary) throws IOException {
		try {
			Files.move(temporary, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, this.path, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private IllegalStateException unusable(String reason) {
		return new IllegalStateException("emulator state file " + this.path + " cannot be used: " + reason
				+ " (delete it to start with a fresh emulator state; connected users then need to connect again)");
	}

	private static String locationOf(JacksonException ex) {
		String path = ex.getPathReference();
		return (path != null && !path.isEmpty()) ? " at " + path : "";
	}

}
