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
		for (String file : List.of("docker-compose.yml", "docker-compose.override.example.yml", "Caddyfile",
				"Dockerfile")) {
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
	 * {@code docker-compose --profile https config} with more compose files after
	 * {@code docker-compose.yml}: the whole resolved model.
	 * @param environment the variables compose interpolates besides {@code .env}
	 * @param extraFiles further compose files, in the folder, merged in this order
	 */
	JsonNode resolve(Map<String, String> environment, String... extraFiles) {
		List<String> arguments = new ArrayList<>();
		for (String file : extraFiles) {
			arguments.addAll(List.of("-f", this.directory.resolve(file).toString()));
		}
		arguments.addAll(List.of("--profile", "https", "config"));
		ExternalProcess.Result result = run(environment, arguments.toArray(String[]::new));
		if (result.exitCode() != 0) {
			throw new AssertionError("docker-compose config failed:\n" + result.output());
		}
		return new YAMLMapper().readTree(result.output());
	}

	/**
	 * The published ports of a service as
	 * {@code host-address:published->target/protocol}, the host address being {@code *}
	 * for every interface. docker-compose 1.29 prints an entry with a host address as one
	 * string and one without as an object; Compose v2 prints objects with
	 * {@code host_ip}.
	 */
	static List<String> publishedPorts(JsonNode config, String service) {
		List<String> published = new ArrayList<>();
		for (JsonNode port : config.at("/services/" + service + "/ports")) {
			if (port.isString()) {
				String[] protocol = port.asString().split("/", 2);
				String[] parts = protocol[0].split(":");
				String host = (parts.length == 3) ? parts[0] : "*";
				published.add(host + ":" + parts[parts.length - 2] + "->" + parts[parts.length - 1] + "/"
						+ ((protocol.length == 2) ? protocol[1] : "tcp"));
			}
			else {
				String host = port.hasNonNull("host_ip") ? port.get("host_ip").asString() : "*";
				String protocol = port.hasNonNull("protocol") ? port.get("protocol").asString() : "tcp";
				published.add(host + ":" + port.get("published").asString() + "->" + port.get("target").asString() + "/"
						+ protocol);
			}
		}
		return published;
	}

	/**
	 * {@code docker-compose --profile https config}: the whole resolved model.
	 * @param postgresPassword the value a self-hoster puts in {@code .env}
	 */
	JsonNode resolve(String postgresPassword) {
		return resolve(Map.of("POSTGRES_PASSWORD", postgresPassword));
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
