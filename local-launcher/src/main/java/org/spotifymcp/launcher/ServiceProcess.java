package org.spotifymcp.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the local system, run from its built jar as a child process with its
 * output in {@code data/logs/NAME.log}.
 */
final class ServiceProcess {

	private final String name;

	private final Path jar;

	private final URI healthUrl;

	private Process process;

	private Path logFile;

	ServiceProcess(String name, Path jar, URI healthUrl) {
		this.name = name;
		this.jar = jar;
		this.healthUrl = healthUrl;
	}

	String name() {
		return this.name;
	}

	void start(Map<String, String> environment, Path logDirectory) throws IOException {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException(this.jar + " is missing: build first with ./mvnw -DskipTests package");
		}
		Files.createDirectories(logDirectory);
		this.logFile = logDirectory.resolve(this.name + ".log");
		// a JVM that survives an OutOfMemoryError keeps running with dead threads: exit
		List<String> command = List.of(javaExecutable(), "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar",
				this.jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		builder.environment().putAll(environment);
		this.process = builder.start();
	}

	/**
	 * Waits for the health URL to answer 200.
	 * @param deadline when to give up
	 * @throws IllegalStateException naming the log file when the service dies or stays
	 * unhealthy
	 */
	void awaitHealthy(Instant deadline) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " stopped with exit code " + this.process.exitValue() + "; see " + this.logFile);
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(this.healthUrl).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException ex) {
				// not listening yet
			}
			catch (IOException ex) {
				// starting up: try again
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(
				this.name + " was not healthy at " + this.healthUrl + " in time; see " + this.logFile);
	}

	void stop() {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
