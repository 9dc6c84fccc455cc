package org.spotifymcp.bench.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes synthetic Spotify exports in Spotify's own layout, with the skew of real
 * listening: a few artists dominate (Zipf), favourite tracks repeat, podcast episodes are
 * mixed in, optional fields are sometimes null, a few local files have no URI.
 * Deterministic for a seed.
 */
public final class ExportGenerator {

	/** Which export to imitate. */
	public enum Format {

		/** {@code Spotify Extended Streaming History/Streaming_History_Audio_*.json}. */
		EXTENDED,
		/** {@code Spotify Account Data/StreamingHistory_music_*.json}. */
		ACCOUNT

	}

	private static final int ARTISTS = 3000;

	private static final int TRACKS_PER_ARTIST = 40;

	private static final String[] PLATFORMS = { "android", "ios", "windows", "osx", "web_player" };

	private static final String[] REASONS_START = { "trackdone", "clickrow", "fwdbtn", "playbtn", "appload", "backbtn",
			"remote" };

	private static final String[] REASONS_END = { "trackdone", "fwdbtn", "endplay", "logout", "unexpected-exit",
			"remote" };

	private static final String[] COUNTRIES = { "DE", "US", "IN", "SE", "BR", "FR" };

	private static final String[] WORDS = { "Love", "Night", "Über", "Corazón", "Fire", "Blue", "Ocean", "City",
			"Dream", "夜", "Heart", "Run", "Gold", "Sky", "Música", "Echo", "Wild", "Rain", "Lights", "Home" };

	private static final DateTimeFormatter END_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

	private static final int EXTENDED_PER_FILE = 16000;

	private static final int ACCOUNT_PER_FILE = 10000;

	private final SplittableRandom random;

	private final double[] artistWeights;

	private final String[] artistNames;

	public ExportGenerator(long seed) {
		this.random = new SplittableRandom(seed);
		this.artistNames = new String[ARTISTS];
		this.artistWeights = new double[ARTISTS];
		double sum = 0;
		for (int i = 0; i < ARTISTS; i++) {
			this.artistNames[i] = word(i) + " " + word(i * 7 + 3) + ((i % 5 == 0) ? " & The " + word(i + 11) : "");
			sum += 1.0 / Math.pow(i + 1, 1.1);
			this.artistWeights[i] = sum;
		}
		for (int i = 0; i < ARTISTS; i++) {
			this.artistWeights[i] /= sum;
		}
	}

	private static String word(int i) {
		return WORDS[Math.floorMod(i, WORDS.length)];
	}

	/**
	 * Writes the export as a ZIP (what users upload).
	 * @return the number of records written
	 */
	public long writeZip(Path zip, long records, Format format) throws IOException {
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			out.setLevel(Deflater.BEST_SPEED);
			write(records, format, new Sink() {
				@Override
				public OutputStream open(String path) throws IOException {
					out.putNextEntry(new ZipEntry(path));
					return new OutputStream() {
						@Override
						public void write(int b) throws IOException {
							out.write(b);
						}

						@Override
						public void write(byte[] b, int off, int len) throws IOException {
							out.write(b, off, len);
						}

						@Override
						public void close() throws IOException {
							out.closeEntry();
						}
					};
				}
			});
		}
		return records;
	}

	/** Writes the export as the unpacked folder tree. */
	public long writeFolder(Path dir, long records, Format format) throws IOException {
		write(records, format, (path) -> {
			Path file = dir.resolve(path);
			Files.createDirectories(file.getParent());
			return Files.newOutputStream(file);
		});
		return records;
	}

	private void write(long records, Format format, Sink sink) throws IOException {
		String folder = (format == Format.EXTENDED) ? "Spotify Extended Streaming History/" : "Spotify Account Data/";
		try (Writer readme = writer(sink.open(folder + "ReadMeFirst.txt"))) {
			readme.write("Synthetic export written by ./bench generate; not real listening data.\n");
		}
		int perFile = (format == Format.EXTENDED) ? EXTENDED_PER_FILE : ACCOUNT_PER_FILE;
		Instant clock = Instant.parse("2015-01-01T00:00:00Z");
		long written = 0;
		int file = 0;
		while (written < records) {
			int count = (int) Math.min(perFile, records - written);
			String name = (format == Format.EXTENDED) ? "Streaming_History_Audio_"
					+ LocalDateTime.ofInstant(clock, ZoneOffset.UTC).getYear() + "_" + file + ".json"
					: "StreamingHistory_music_" + file + ".json";
			try (Writer out = writer(sink.open(folder + name))) {
				clock = writeFile(out, count, format, clock);
			}
			written += count;
			file++;
		}
	}

	private static Writer writer(OutputStream out) {
		return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
	}

	private Instant writeFile(Writer out, int count, Format format, Instant start) throws IOException {
		Instant clock = start;
		out.write("[\n");
		for (int i = 0; i < count; i++) {
			clock = clock.plusSeconds(30 + this.random.nextInt(400));
			if (i > 0) {
				out.write(",\n");
			}
			if (format == Format.EXTENDED) {
				writeExtended(out, clock);
			}
			else {
				writeAccount(out, clock);
			}
		}
		out.write("\n]");
		return clock;
	}

	private int pickArtist() {
		double u = this.random.nextDouble();
		int low = 0;
		int high = ARTISTS - 1;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (this.artistWeights[mid] < u) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

	/** Favourite tracks of an artist come back far more often than the rest. */
	private int pickTrack() {
		int a = this.random.nextInt(TRACKS_PER_ARTIST);
		int b = this.random.nextInt(TRACKS_PER_ARTIST);
		return Math.min(a, b);
	}

	private void writeExtended(Writer out, Instant ts) throws IOException {
		boolean podcast = this.random.nextInt(100) < 6;
		boolean localFile = !podcast && this.random.nextInt(1000) < 3;
		int artist = pickArtist();
		int track = pickTrack();
		String trackName = trackName(artist, track);
		String artistName = this.artistNames[artist];
		String album = word(artist + track / 10) + " " + (track / 10 + 1);
		String uri = "spotify:track:" + trackId(artist, track);
		int ms = podcast ? 60000 + this.random.nextInt(3000000) : msPlayed();
		out.write("  {\n");
		field(out, "ts", ts.toString(), false);
		field(out, "platform", PLATFORMS[this.random.nextInt(PLATFORMS.length)], false);
		number(out, "ms_played", ms);
		field(out, "conn_country", COUNTRIES[artist % COUNTRIES.length], false);
		field(out, "ip_addr", "203.0.113." + this.random.nextInt(255), false);
		field(out, "master_metadata_track_name", podcast ? null : trackName, false);
		field(out, "master_metadata_album_artist_name", podcast ? null : artistName, false);
		field(out, "master_metadata_album_album_name", podcast ? null : album, false);
		field(out, "spotify_track_uri", (podcast || localFile) ? null : uri, false);
		field(out, "episode_name", podcast ? "Episode " + this.random.nextInt(500) : null, false);
		field(out, "episode_show_name", podcast ? "The " + word(artist) + " Show" : null, false);
		field(out, "spotify_episode_uri", podcast ? "spotify:episode:" + trackId(artist + 7, track) : null, false);
		field(out, "audiobook_title", null, false);
		field(out, "audiobook_uri", null, false);
		field(out, "audiobook_chapter_uri", null, false);
		field(out, "audiobook_chapter_title", null, false);
		field(out, "reason_start", REASONS_START[this.random.nextInt(REASONS_START.length)], false);
		field(out, "reason_end",
				(this.random.nextInt(50) == 0) ? null : REASONS_END[this.random.nextInt(REASONS_END.length)], false);
		bool(out, "shuffle", this.random.nextBoolean());
		out.write("    \"skipped\": ");
		out.write((this.random.nextInt(10) == 0) ? "null" : String.valueOf(ms < 30000));
		out.write(",\n");
		bool(out, "offline", this.random.nextInt(40) == 0);
		out.write("    \"offline_timestamp\": ");
		out.write(String.valueOf(ts.getEpochSecond()));
		out.write(",\n");
		out.write("    \"incognito_mode\": false\n  }");
	}

	private void writeAccount(Writer out, Instant end) throws IOException {
		int artist = pickArtist();
		int track = pickTrack();
		out.write("  {\n");
		field(out, "endTime", END_TIME.format(LocalDateTime.ofInstant(end, ZoneOffset.UTC)), false);
		field(out, "artistName", this.artistNames[artist], false);
		field(out, "trackName", trackName(artist, track), false);
		out.write("    \"msPlayed\" : ");
		out.write(String.valueOf(msPlayed()));
		out.write("\n  }");
	}

	/** Mostly whole songs, many skips, some zero-length plays. */
	private int msPlayed() {
		int kind = this.random.nextInt(100);
		if (kind < 3) {
			return 0;
		}
		if (kind < 25) {
			return this.random.nextInt(30000);
		}
		return 120000 + this.random.nextInt(180000);
	}

	private static String trackName(int artist, int track) {
		return word(artist * 3 + track) + " " + word(track * 5 + 1) + ((track % 7 == 0) ? " (Remastered)" : "") + " "
				+ (track + 1);
	}

	/** A stable 22-character base62 id per (artist, track). */
	private static String trackId(int artist, int track) {
		String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		long value = (artist * 1_000_003L + track) * 0x9E3779B97F4A7C15L;
		StringBuilder id = new StringBuilder(22);
		for (int i = 0; i < 22; i++) {
			id.append(alphabet.charAt((int) Math.floorMod(value, 62L)));
			value = value / 62 + (long) i * 7919 + artist;
		}
		return id.toString();
	}

	private static void field(Writer out, String name, String value, boolean last) throws IOException {
		out.write("    \"");
		out.write(name);
		out.write("\": ");
		if (value == null) {
			out.write("null");
		}
		else {
			out.write('"');
			out.write(value.replace("\\", "\\\\").replace("\"", "\\\""));
			out.write('"');
		}
		out.write(last ? "\n" : ",\n");
	}

	private static void number(Writer out, String name, long value) throws IOException {
		out.write("    \"");
		out.write(name);
		out.write("\": ");
		out.write(String.valueOf(value));
		out.write(",\n");
	}

	private static void bool(Writer out, String name, boolean value) throws IOException {
		out.write("    \"");
		out.write(name);
		out.write("\": ");
		out.write(value ? "true" : "false");
		out.write(",\n");
	}

	@FunctionalInterface
	private interface Sink {

		OutputStream open(String path) throws IOException;

	}

}
