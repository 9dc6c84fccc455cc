package org.spotifymcp.bench.apimemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the api container runs with, read from the repository's own files so the benchmark
 * follows them: the Dockerfile's runtime {@code ENV} (JAVA_TOOL_OPTIONS,
 * MALLOC_ARENA_MAX, …), the settings {@code .env.example} gives, the api service's
 * {@code environment:} in docker-compose.yml and its memory and CPU limits.
 *
 * @param imageEnvironment the Dockerfile's runtime ENV values
 * @param envFile the non-empty settings of .env.example (compose's env_file)
 * @param composeEnvironment the api service's environment in docker-compose.yml
 * @param memoryLimitMiB the api service's memory limit
 * @param cpus the api service's CPU limit
 */
record DeployedApiSettings(Map<String, String> imageEnvironment, Map<String, String> envFile,
		Map<String, String> composeEnvironment, long memoryLimitMiB, double cpus) {

	static DeployedApiSettings read(Path root) throws IOException {
		String compose = Files.readString(root.resolve("docker-compose.yml"));
		String api = serviceBlock(compose, "api");
		return new DeployedApiSettings(dockerfileEnvironment(Files.readString(root.resolve("Dockerfile"))),
				envFile(Files.readString(root.resolve(".env.example"))), composeEnvironment(api), memoryMiB(api),
				Double.parseDouble(required(api, "\n\\s+cpus: \"?([0-9.]+)\"?", "the api's cpus limit")));
	}

	/** The ENV instructions of the last (runtime) stage, continuation lines joined. */
	static Map<String, String> dockerfileEnvironment(String dockerfile) {
		String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
		String joined = runtime.replaceAll("\\\\\\r?\\n\\s*", " ");
		Map<String, String> environment = new LinkedHashMap<>();
		Matcher instruction = Pattern.compile("(?m)^ENV (.+)$").matcher(joined);
		while (instruction.find()) {
			Matcher pair = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(instruction.group(1));
			while (pair.find()) {
				String value = pair.group(2).replaceAll("^\"|\"$", "");
				if (!value.contains("${")) {
					environment.put(pair.group(1), value);
				}
			}
		}
		return environment;
	}

	private static Map<String, String> envFile(String text) {
		Map<String, String> settings = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			int equals = line.indexOf('=');
			if (!line.startsWith("#") && equals > 0 && equals < line.length() - 1) {
				settings.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
			}
		}
		return settings;
	}

	/** The lines of one service, up to the next service at the same indentation. */
	private static String serviceBlock(String compose, String service) {
		Matcher matcher = Pattern.compile("\n  " + service + ":\n((?:    .*\n|\\s*\n|\\s*#.*\n)*)").matcher(compose);
		if (!matcher.find()) {
			throw new IllegalStateException("docker-compose.yml has no service '" + service + "'");
		}
		return "\n" + matcher.group(1);
	}

	private static Map<String, String> composeEnvironment(String api) {
		Map<String, String> environment = new LinkedHashMap<>();
		Matcher block = Pattern.compile("\n    environment:\n((?:      .*\n|\\s*#.*\n)*)").matcher(api);
		if (block.find()) {
			Matcher pair = Pattern.compile("(?m)^      ([A-Z_][A-Z0-9_]*): (.*)$").matcher(block.group(1));
			while (pair.find()) {
				environment.put(pair.group(1), pair.group(2).trim().replaceAll("^\"|\"$", ""));
			}
		}
		return environment;
	}

	private static long memoryMiB(String api) {
		String limit = required(api, "\n\\s+memory: \"?([0-9]+[KMG]?)\"?", "the api's memory limit");
		long number = Long.parseLong(limit.replaceAll("\\D", ""));
		return switch (limit.charAt(limit.length() - 1)) {
			case 'G' -> number * 1024;
			case 'K' -> number / 1024;
			case 'M' -> number;
			default -> number / (1024 * 1024);
		};
	}

	private static String required(String text, String regex, String what) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("docker-compose.yml does not give " + what);
		}
		return matcher.group(1);
	}

}
