package org.spotifymcp.shared.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads a {@code .env} file ({@code KEY=value} lines, {@code #} comments) the same way
 * the services read it through Spring's config import, for the command-line tools that
 * run without Spring.
 */
public final class DotEnvFile {

	private DotEnvFile() {
	}

	/**
	 * Reads the file if it exists.
	 * @param file usually {@code ./.env}
	 * @return its settings, or an empty map when there is no such file
	 */
	public static Map<String, String> read(Path file) throws IOException {
		Map<String, String> settings = new TreeMap<>();
		if (!Files.isRegularFile(file)) {
			return settings;
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		properties.stringPropertyNames().forEach((name) -> settings.put(name, properties.getProperty(name).strip()));
		return settings;
	}

	/**
	 * Looks a setting up in the environment first, then in the file's settings.
	 * @param name the variable
	 * @param environment the process environment
	 * @param dotEnv the {@code .env} settings
	 * @return the value, or {@code null} when neither has a non-blank one
	 */
	public static String lookup(String name, Map<String, String> environment, Map<String, String> dotEnv) {
		String value = environment.get(name);
		if (value == null || value.isBlank()) {
			value = dotEnv.get(name);
		}
		return (value == null || value.isBlank()) ? null : value;
	}

}
