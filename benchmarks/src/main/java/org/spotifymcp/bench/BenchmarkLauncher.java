package org.spotifymcp.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs one benchmark by name: {@code storage} runs
 * {@code org.spotifymcp.bench.storage.StorageBenchmark}, and so on. Each benchmark is a
 * class with a {@code main} method in a package named after it ({@code api-memory}:
 * {@code org.spotifymcp.bench.apimemory.ApiMemoryBenchmark}), so adding one touches no
 * shared file.
 */
public final class BenchmarkLauncher {

	private BenchmarkLauncher() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: ./bench NAME [ARGS...]   (for example: ./bench storage)");
			System.exit(2);
		}
		String name = args[0].toLowerCase(Locale.ROOT);
		// Multi-word names use hyphens: api-memory runs apimemory.ApiMemoryBenchmark.
		StringBuilder simpleName = new StringBuilder();
		for (String word : name.split("-")) {
			if (!word.isEmpty()) {
				simpleName.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
			}
		}
		String className = "org.spotifymcp.bench." + name.replace("-", "") + "." + simpleName + "Benchmark";
		Class<?> benchmark;
		try {
			benchmark = Class.forName(className);
		}
		catch (ClassNotFoundException ex) {
			System.err.println("no benchmark named '" + name + "' (looked for " + className + ")");
			System.exit(2);
			return;
		}
		Method main = benchmark.getMethod("main", String[].class);
		main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
	}

}
