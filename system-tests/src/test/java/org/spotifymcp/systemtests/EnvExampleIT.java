package org.spotifymcp.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code .env.example} documents every environment variable the services and the compose
 * file read, with the same defaults as the code, and ships no secrets.
 */
class EnvExampleIT {

	/**
	 * {@code ${NAME}} or {@code ${NAME:default}} (Spring) / {@code ${NAME:-default}}
	 * (compose).
	 */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::-?([^}]*))?\\}");

	private final EnvFile example = EnvFile.read(ProjectFiles.file(".env.example"));

	@Test
	void everyVariableOfTheServicesAndTheComposeFileIsDocumented() throws IOException {
		Map<String, String> variables = new LinkedHashMap<>();
		for (Path file : configurationFiles()) {
			variables.putAll(placeholders(Files.readString(file)));
		}
		variables.putAll(placeholders(Files.readString(ProjectFiles.file("docker-compose.yml"))));
		assertThat(variables).containsKeys("TOKEN_ENCRYPTION_KEY", "ADMIN_TOKEN", "COLLECTOR_INTERVAL_SECONDS",
				"ALERT_WEBHOOK_URL", "POSTGRES_PASSWORD", "API_PORT");
		List<String> undocumented = variables.keySet()
			.stream()
			.filter((name) -> !this.example.documents(name))
			.toList();
		assertThat(undocumented).as("variables missing from .env.example").isEmpty();
		// DATABASE_URL is read by the DatabaseUrl post-processor, not through a
		// placeholder.
		assertThat(this.example.values()).containsKey("DATABASE_URL");
	}

	@Test
	void defaultsInTheExampleAreTheDefaultsOfTheCode() throws IOException {
		Map<String, String> defaults = placeholders(
				Files.readString(ProjectFiles.file("shared-model/src/main/resources/spotify-mcp-defaults.yml")));
		List<String> differing = new ArrayList<>();
		defaults.forEach((name, codeDefault) -> {
			String documented = this.example.values().get(name);
			if (documented != null && codeDefault != null && !documented.equals(codeDefault)) {
				differing.add(name + ": .env.example=" + documented + " code=" + codeDefault);
			}
		});
		assertThat(differing).isEmpty();
	}

	@Test
	void theExampleShipsNoSecretsButSaysHowToMakeThem() throws IOException {
		for (String secret : List.of("TOKEN_ENCRYPTION_KEY", "ADMIN_TOKEN", "POSTGRES_PASSWORD", "ADMIN_PASSWORD",
				"SPOTIFY_CLIENT_SECRET")) {
			assertThat(this.example.values()).as(secret).containsEntry(secret, "");
		}
		String text = Files.readString(ProjectFiles.file(".env.example"));
		assertThat(text).contains("java -jar api-service/target/api-service.jar generate-key")
			.contains("Fernet.generate_key()")
			.contains("openssl rand -hex 32");
	}

	private static List<Path> configurationFiles() throws IOException {
		List<Path> files = new ArrayList<>();
		files.add(ProjectFiles.file("shared-model/src/main/resources/spotify-mcp-defaults.yml"));
		try (Stream<Path> modules = Files.list(ProjectFiles.root())) {
			modules.map((module) -> module.resolve("src/main/resources/application.yml"))
				.filter(Files::isRegularFile)
				.forEach(files::add);
		}
		return files;
	}

	private static Map<String, String> placeholders(String text) {
		Map<String, String> found = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			if (line.strip().startsWith("#")) {
				continue;
			}
			Matcher matcher = PLACEHOLDER.matcher(line);
			while (matcher.find()) {
				found.putIfAbsent(matcher.group(1), matcher.group(2));
			}
		}
		return found;
	}

}
