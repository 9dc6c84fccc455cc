package org.spotifymcp.shared.imports;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An upload's history files, checked as an archive before and while they are read: the
 * table of contents (entry count, unsafe or nested entries, declared sizes and ratios),
 * then the bytes each entry really inflates to, so a zip bomb is stopped whatever its
 * headers claim. Nothing is ever extracted to disk. A bare {@code .json} upload is one
 * entry.
 */
final class ExportArchive implements Closeable {

	/** Below this many inflated bytes an entry's ratio says nothing. */
	private static final long RATIO_CHECK_FLOOR = 1024 * 1024;

	private final Path file;

	private final String displayName;

	private final ZipFile zip;

	private final List<Entry> entries;

	private final ImportEngineProperties limits;

	private long inflatedTotal;

	private ExportArchive(Path file, String displayName, ZipFile zip, List<Entry> entries,
			ImportEngineProperties limits) {
		this.file = file;
		this.displayName = displayName;
		this.zip = zip;
		this.entries = entries;
		this.limits = limits;
	}

	/**
	 * Opens an upload and checks its table of contents before any record is read.
	 * @param file the stored upload
	 * @param displayName the name the user gave it, for messages
	 * @param limits zip bomb limits
	 * @return the archive; the caller closes it
	 */
	static ExportArchive open(Path file, String displayName, ImportEngineProperties limits) {
		if (!Files.isRegularFile(file)) {
			throw new ImportFailedException(displayName + ": the uploaded file is gone from the upload directory");
		}
		if (isBareJson(file)) {
			long size = sizeOf(file);
			List<Entry> single = List
				.of(new Entry(0, displayName, formatByName(displayName, true), size, size, null, 0));
			return new ExportArchive(file, displayName, null, single, limits);
		}
		ZipDirectoryLimits.check(file, displayName, limits.maxZipEntries());
		ZipFile zip;
		try {
			zip = new ZipFile(file.toFile());
		}
		catch (ZipException ex) {
			throw new ImportFailedException(displayName + " is not a readable ZIP archive (" + ex.getMessage()
					+ "); upload the ZIP from Spotify's \"Download your data\" or a single history .json", ex);
		}
		catch (IOException ex) {
			throw new ImportFailedException(displayName + " could not be opened: " + ex.getMessage(), ex);
		}
		try {
			return new ExportArchive(file, displayName, zip, tableOfContents(zip, displayName, limits), limits);
		}
		catch (RuntimeException ex) {
			closeQuietly(zip);
			throw ex;
		}
	}

	private static boolean isBareJson(Path file) {
		return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new ImportFailedException(file.getFileName() + " could not be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Only the history files are kept: other entries are counted (against
	 * {@code IMPORT_MAX_ZIP_ENTRIES}) and their compressed sizes summed for progress.
	 */
	private static List<Entry> tableOfContents(ZipFile zip, String displayName, ImportEngineProperties limits) {
		List<Entry> history = new ArrayList<>();
		long declaredTotal = 0;
		long compressedBefore = 0;
		int index = 0;
		Enumeration<? extends ZipEntry> zipEntries;
		try {
			zipEntries = zip.entries();
		}
		catch (IllegalStateException ex) {
			throw new ImportFailedException(displayName + " could not be listed: " + ex.getMessage(), ex);
		}
		while (zipEntries.hasMoreElements()) {
			if (index >= limits.maxZipEntries()) {
				throw ZipDirectoryLimits.tooMany(displayName, "it holds more than " + index + " entries",
						limits.maxZipEntries());
			}
			ZipEntry zipEntry = zipEntries.nextElement();
			String name = zipEntry.getName();
			checkEntryName(displayName, name);
			ExportFormat format = zipEntry.isDirectory() ? null : formatByName(name, false);
			if (format != null) {
				declaredTotal += Math.max(0, zipEntry.getSize());
				if (zipEntry.getSize() > 0 && zipEntry.getCompressedSize() > 0
						&& zipEntry.getSize() / zipEntry.getCompressedSize() > limits.maxCompressionRatio()
						&& zipEntry.getSize() > RATIO_CHECK_FLOOR) {
					throw zipBomb(displayName, name, "it inflates " + zipEntry.getSize() / zipEntry.getCompressedSize()
							+ "x, more than IMPORT_MAX_COMPRESSION_RATIO=" + limits.maxCompressionRatio());
				}
			}
			if (format != null) {
				history.add(new Entry(index, name, format, zipEntry.getCompressedSize(), zipEntry.getSize(), zipEntry,
						compressedBefore));
			}
			compressedBefore += Math.max(0, zipEntry.getCompressedSize());
			index++;
		}
		if (index == 0) {
			throw new ImportFailedException(displayName + " is an empty archive: it holds no files");
		}
		if (history.isEmpty()) {
			throw new ImportFailedException(displayName + " holds no Spotify streaming history files"
					+ " (Streaming_History_Audio_*.json, endsong_*.json or StreamingHistory*.json)");
		}
		if (declaredTotal > limits.maxUncompressedBytes()) {
			throw zipBomb(displayName, "(all history files)", "they declare " + declaredTotal
					+ " uncompressed bytes, more than IMPORT_MAX_UNCOMPRESSED_MB=" + limits.maxUncompressedMb());
		}
		return history;
	}

	/** Entry names are never used as paths, but names that try to escape are hostile. */
	private static void checkEntryName(String displayName, String name) {
		String normalized = name.replace('\\', '/');
		boolean escapes = normalized.startsWith("/") || normalized.equals("..") || normalized.startsWith("../")
				|| normalized.contains("/../") || normalized.endsWith("/..")
				|| (normalized.length() > 1 && normalized.charAt(1) == ':');
		if (escapes) {
			throw new ImportFailedException(displayName + ": entry '" + PrintableText.abbreviate(name, 200)
					+ "' has an unsafe path (absolute or with '..'); refusing the archive");
		}
		String lower = normalized.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".zip") || lower.endsWith(".jar") || lower.endsWith(".gz") || lower.endsWith(".7z")
				|| lower.endsWith(".rar") || lower.endsWith(".tar")) {
			throw new ImportFailedException(displayName + ": entry '" + PrintableText.abbreviate(name, 200)
					+ "' is a nested archive; unzip it and upload the inner Spotify export instead");
		}
	}

	/**
	 * Recognizes history files by Spotify's names; a bare upload is tried whatever its
	 * name, since its records' keys tell the format anyway.
	 */
	static ExportFormat formatByName(String path, boolean bare) {
		String name = path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
		if (!name.toLowerCase(Locale.ROOT).endsWith(".json")) {
			return bare ? ExportFormat.EXTENDED : null;
		}
		if (name.startsWith("Streaming_History_Audio_") || name.startsWith("Streaming_History_Video_")
				|| name.startsWith("endsong")) {
			return ExportFormat.EXTENDED;
		}
		if (name.startsWith("StreamingHistory")) {
			return ExportFormat.ACCOUNT;
		}
		return bare ? ExportFormat.EXTENDED : null;
	}

	private static ImportFailedException zipBomb(String displayName, String entry, String why) {
		return new ImportFailedException(displayName + ": entry '" + entry + "' looks like a zip bomb: " + why);
	}

	/**
	 * The format the history files' names announce, known before any record is read; null
	 * when a name says nothing (a bare upload under a name of its own).
	 */
	String announcedFormat() {
		String combined = null;
		for (Entry entry : this.entries) {
			ExportFormat named = formatByName(entry.name(), false);
			if (named == null) {
				return null;
			}
			combined = ExportFormat.combine(combined, named);
		}
		return combined;
	}

	/** The history files to read, in archive order. */
	List<Entry> entries() {
		return this.entries;
	}

	/** How messages name an entry: the upload, and the file inside a ZIP. */
	String where(Entry entry) {
		return (this.zip != null) ? this.displayName + ": " + entry.name() : this.displayName;
	}

	/**
	 * Opens an entry for reading, refusing an archive stored under a {@code .json} name.
	 */
	EntryStream open(Entry entry) throws IOException {
		InputStream raw = (this.zip == null) ? Files.newInputStream(this.file)
				: this.zip.getInputStream(entry.zipEntry());
		EntryStream in = new EntryStream(raw, entry);
		try {
			refuseArchive(in, where(entry));
		}
		catch (IOException | RuntimeException ex) {
			in.close();
			throw ex;
		}
		return in;
	}

	/**
	 * A ZIP (or gzip) stored under a {@code .json} name would otherwise be parsed as
	 * binary garbage; saying what it is tells the user what to do.
	 */
	private void refuseArchive(EntryStream in, String where) throws IOException {
		byte[] magic = in.peek(4);
		boolean zipMagic = magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K'
				&& (magic[2] == 3 || magic[2] == 5 || magic[2] == 7)
				&& (magic[3] == 4 || magic[3] == 6 || magic[3] == 8);
		boolean gzipMagic = magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
		if (!zipMagic && !gzipMagic) {
			return;
		}
		String kind = zipMagic ? "a ZIP archive" : "gzip-compressed";
		if (this.zip == null) {
			throw new ImportFailedException(where + " is " + kind + ", not a JSON history file; "
					+ (zipMagic ? "upload it under a .zip name" : "decompress it and upload the .json inside"));
		}
		throw new ImportFailedException(where + " is " + kind + ", not a JSON history file (a nested archive);"
				+ " unzip it and upload the inner Spotify export instead");
	}

	@Override
	public void close() {
		if (this.zip != null) {
			closeQuietly(this.zip);
		}
	}

	private static void closeQuietly(ZipFile zip) {
		try {
			zip.close();
		}
		catch (IOException ex) {
			// nothing was written; a failed close leaks no data
		}
	}

	/**
	 * A file of the upload.
	 *
	 * @param index position in the archive's entry list (stable across runs)
	 * @param name path inside the archive
	 * @param format the history format its name suggests, null for other files
	 * @param compressedSize bytes in the archive
	 * @param size bytes once inflated, as declared
	 * @param zipEntry the ZIP entry, null for a bare JSON upload
	 * @param compressedOffset compressed bytes of the archive's entries before this one
	 */
	record Entry(int index, String name, ExportFormat format, long compressedSize, long size, ZipEntry zipEntry,
			long compressedOffset) {
	}

	/**
	 * Counts inflated bytes and stops reading when the archive turns out to be a zip
	 * bomb, whatever its headers claim.
	 */
	final class EntryStream extends FilterInputStream {

		private final Entry entry;

		private long count;

		private EntryStream(InputStream in, Entry entry) {
			super(new BufferedInputStream(in, 64 * 1024));
			this.entry = entry;
		}

		/**
		 * Compressed bytes of the upload consumed so far, estimated from the inflated
		 * bytes read of this entry.
		 */
		long uploadBytesRead() {
			long within = (this.entry.size() <= 0) ? 0 : Math.min(this.entry.compressedSize(),
					this.count * this.entry.compressedSize() / this.entry.size());
			return this.entry.compressedOffset() + within;
		}

		/** The next bytes (fewer at the end of the data), left unread. */
		byte[] peek(int length) throws IOException {
			this.in.mark(length);
			byte[] bytes = this.in.readNBytes(length);
			this.in.reset();
			return bytes;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		private void add(long n) {
			this.count += n;
			ExportArchive.this.inflatedTotal += n;
			ImportEngineProperties limits = ExportArchive.this.limits;
			if (ExportArchive.this.inflatedTotal > limits.maxUncompressedBytes()) {
				throw zipBomb(ExportArchive.this.displayName, this.entry.name(),
						"the archive inflates beyond IMPORT_MAX_UNCOMPRESSED_MB=" + limits.maxUncompressedMb());
			}
			if (ExportArchive.this.zip != null && this.count > RATIO_CHECK_FLOOR && this.entry.compressedSize() > 0
					&& this.count / this.entry.compressedSize() > limits.maxCompressionRatio()) {
				throw zipBomb(ExportArchive.this.displayName, this.entry.name(),
						"it inflates more than " + limits.maxCompressionRatio() + "x (IMPORT_MAX_COMPRESSION_RATIO)");
			}
		}

	}

}
