package org.spotifymcp.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The project's compose files copied into a folder of their own, with
 * {@code .env.example} as {@code .env}, so {@code docker-compose} reads them exactly as a
 * self-hoster's copy after {@code cp .env.example .env} — without touching a real
 * {@code .env} in the project.
 */
final class ComposeConfig {

	private final Path directory;

	private final Path dockerCompose;

	private ComposeConfig(Path directory, Path dockerCompose) {
		this.directory = directory;
		this.dockerCompose = dockerCompose;
	}

	static ComposeConfig copyInto(Path directory) throws IOException {
		Path dockerCompose = ProjectFiles.requiredProgram("docker-compose",
				"apt-get install docker-compose (Debian's package)");
		for (String file : List.of("docker-compose.yml", "Caddyfile", "Dockerfile")) {
			Files.copy(ProjectFiles.file(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Files.copy(ProjectFiles.file(".env.example"), directory.resolve(".env"), StandardCopyOption.REPLACE_EXISTING);
		return new ComposeConfig(directory, dockerCompose);
	}

	Path directory() {
		return this.directory;
	}

	ExternalProcess.Result run(Map<String, String> environment, String... arguments) {
		List<String> command = new ArrayList<>(List.of(this.dockerCompose.toString(), "--project-directory",
				this.directory.toString(), "-f", this.directory.resolve("docker-compose.yml").toString()));
		command.addAll(List.of(arguments));
		return ExternalProcess.run(command, environment, this.directory, Duration.ofSeconds(60));
	}

	/**
	 * {@code docker-compose --profile https config}: the whole resolved model.
	 * @param postgresPassword the value a self-hoster puts in {@code .env}
	 */
	JsonNode resolve(String postgresPassword) {
		ExternalProcess.Result result = run(Map.of("POSTGRES_PASSWORD", postgresPassword), "--profile", "https",
				"config");
		if (result.exitCode() != 0) {
			throw new AssertionError("docker-compose config failed:\n" + result.output());
		}
		return new YAMLMapper().readTree(result.output());
	}

	/** A service's environment as the container would get it. */
	static Map<String, String> environment(JsonNode config, String service) {
		Map<String, String> environment = new LinkedHashMap<>();
		JsonNode node = config.at("/services/" + service + "/environment");
		node.propertyNames()
			.forEach((name) -> environment.put(name, node.get(name).isNull() ? "" : node.get(name).asString()));
		return environment;
	}

}
