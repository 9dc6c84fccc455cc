package org.spotifymcp.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program started by a test, its output in a log file, stopped with SIGTERM (then
 * SIGKILL) when the test is done.
 */
final class ExternalProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private ExternalProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ExternalProcess start(String name, List<String> command, Map<String, String> environment,
			Path workingDirectory, Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		try {
			return new ExternalProcess(name, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + name + ": " + command, ex);
		}
	}

	/**
	 * Runs a command to its end.
	 * @return its exit code and combined output
	 */
	static Result run(List<String> command, Map<String, String> environment, Path workingDirectory, Duration timeout) {
		return run(command, environment, workingDirectory, timeout, "");
	}

	/**
	 * Runs a command to its end, feeding it standard input.
	 * @return its exit code and combined output
	 */
	static Result run(List<String> command, Map<String, String> environment, Path workingDirectory, Duration timeout,
			String input) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		builder.environment().putAll(environment);
		try {
			Process process = builder.start();
			try (var stdin = process.getOutputStream()) {
				stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(command + " did not finish within " + timeout);
			}
			return new Result(process.exitValue(), new String(output));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The resident memory of the process in kilobytes, from {@code /proc}, or -1.
	 */
	long residentKilobytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux or already gone: the figure is informative only
		}
		return -1;
	}

	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	record Result(int exitCode, String output) {

	}

}
