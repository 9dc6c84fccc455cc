package org.spotifymcp.systemtests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's deployment files and built jars are, and the external programs the
 * deployment checks need. A missing program or jar fails the test with what to do: these
 * checks never skip silently.
 */
final class ProjectFiles {

	private ProjectFiles() {
	}

	static Path root() {
		String configured = System.getProperty("project.root");
		Path root = (configured != null) ? Path.of(configured) : Path.of("..");
		return root.toAbsolutePath().normalize();
	}

	static Path file(String relativePath) {
		Path file = root().resolve(relativePath);
		if (!Files.isRegularFile(file)) {
			throw new AssertionError(relativePath + " is missing at " + file);
		}
		return file;
	}

	/**
	 * The packaged jar of a service module, {@code ../<module>/target/<module>.jar}.
	 */
	static Path serviceJar(String module) {
		Path jar = root().resolve(module).resolve("target").resolve(module + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new AssertionError(jar + " does not exist: build with `./mvnw -B verify` from the project root "
					+ "so the service modules are packaged before system-tests runs");
		}
		return jar;
	}

	/**
	 * Finds a program on the {@code PATH}.
	 * @param name the program
	 * @param install how to install it, for the failure message
	 */
	static Path requiredProgram(String name, String install) {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		throw new AssertionError("'" + name + "' is not installed but the deployment checks need it: " + install
				+ " (.ci/run installs it)");
	}

	static Path java() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

}
