package org.spotifymcp.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file as docker compose reads it: {@code KEY=value} lines, {@code #}
 * comments. Documented-but-disabled entries ({@code # KEY=value}) are remembered apart.
 *
 * @param values the active settings, in file order
 * @param commentedOut names that appear only as commented examples
 */
record EnvFile(Map<String, String> values, Set<String> commentedOut) {

	private static final Pattern ACTIVE = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$");

	private static final Pattern COMMENTED = Pattern.compile("^#\\s*([A-Z][A-Z0-9_]*)=.*$");

	static EnvFile read(Path file) {
		try {
			return parse(Files.readAllLines(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static EnvFile parse(List<String> lines) {
		Map<String, String> values = new LinkedHashMap<>();
		Set<String> commented = new LinkedHashSet<>();
		for (String line : lines) {
			Matcher active = ACTIVE.matcher(line.strip());
			if (active.matches()) {
				values.put(active.group(1), active.group(2));
				continue;
			}
			Matcher example = COMMENTED.matcher(line.strip());
			if (example.matches()) {
				commented.add(example.group(1));
			}
		}
		return new EnvFile(values, commented);
	}

	boolean documents(String name) {
		return this.values.containsKey(name) || this.commentedOut.contains(name);
	}

}
