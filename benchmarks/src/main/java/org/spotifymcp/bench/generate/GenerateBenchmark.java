package org.spotifymcp.bench.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ./bench generate --records N --format extended|account --out DIR [--seed S]}:
 * writes a synthetic export both unpacked (Spotify's folder layout) and as
 * {@code DIR/my_spotify_data.zip}, ready for upload.
 */
public final class GenerateBenchmark {

	private GenerateBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long records = 100_000;
		ExportGenerator.Format format = ExportGenerator.Format.EXTENDED;
		Path out = Path.of("generated-export");
		long seed = 42;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--records" -> records = Long.parseLong(args[i + 1].replace("_", ""));
				case "--format" -> format = ExportGenerator.Format.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
				case "--out" -> out = Path.of(args[i + 1]);
				case "--seed" -> seed = Long.parseLong(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]
						+ " (use --records N --format extended|account --out DIR [--seed S])");
			}
		}
		Files.createDirectories(out);
		long started = System.nanoTime();
		new ExportGenerator(seed).writeFolder(out, records, format);
		Path zip = out.resolve("my_spotify_data.zip");
		new ExportGenerator(seed).writeZip(zip, records, format);
		System.out.printf(Locale.ROOT, "generated %,d %s records in %s and %s (%,d bytes) in %.1f s%n", records,
				format.name().toLowerCase(Locale.ROOT), out, zip, Files.size(zip), (System.nanoTime() - started) / 1e9);
	}

}
