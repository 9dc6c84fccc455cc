package org.spotifymcp.shared.imports;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams the music records of an export (a ZIP of Spotify's "Download your data" or a
 * bare {@code .json} history file) with Jackson's streaming parser, entry by entry, so
 * memory stays flat whatever the archive size. Nothing is ever extracted to disk. Every
 * problem becomes an {@link ImportFailedException} naming the file and the record index.
 */
public final class ExportReader implements Closeable {

	/** Longest text kept from a field; longer values are refused as hostile. */
	static final int MAX_FIELD_LENGTH = 4096;

	/**
	 * Longest artist name in UTF-8 bytes: {@code lower(name)} is a btree key (artist
	 * rollups, name lookups) and PostgreSQL refuses index rows over 2,704 bytes, which
	 * would fail a whole batch; lower-casing can grow a name by half.
	 */
	static final int MAX_ARTIST_NAME_BYTES = 1000;

	private static final String TRACK_URI_PREFIX = "spotify:track:";

	/** Spotify launched in 2008; anything before its founding is corrupt input. */
	private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2006-01-01T00:00:00Z");

	private static final DateTimeFormatter ACCOUNT_END_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm",
			Locale.ROOT);

	/** Below this many inflated bytes an entry's ratio says nothing. */
	private static final long RATIO_CHECK_FLOOR = 1024 * 1024;

	private static final JsonFactory JSON = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxStringLength(64 * 1024)
			.maxNameLength(1024)
			.maxNestingDepth(16)
			.maxNumberLength(32)
			.build())
		.build();

	private final Path file;

	private final String displayName;

	private final ZipFile zip;

	private final List<Entry> entries;

	private final ImportEngineProperties limits;

	private final boolean keepExtras;

	private long inflatedTotal;

	/**
	 * Artist and album keys by name: a few names dominate any history, hash them once.
	 */
	private final Map<String, String> artistKeys = new HashMap<>();

	/** Album keys by artist name, then album name: no key string built per record. */
	private final Map<String, Map<String, String>> albumKeys = new HashMap<>();

	/** Timestamps after this are in the future; read once, not per record. */
	private final Instant latestPlausible;

	private ExportReader(Path file, String displayName, ZipFile zip, List<Entry> entries, ImportEngineProperties limits,
			boolean keepExtras, Clock clock) {
		this.file = file;
		this.displayName = displayName;
		this.zip = zip;
		this.entries = entries;
		this.limits = limits;
		this.keepExtras = keepExtras;
		this.latestPlausible = clock.instant().plusSeconds(86400);
	}

	/**
	 * Opens an export and checks its table of contents before any record is read.
	 * @param file the stored upload
	 * @param displayName the name the user gave it, for messages
	 * @param limits zip bomb limits
	 * @param keepExtras whether optional fields are read into records
	 * @param clock decides which timestamps lie in the future
	 * @return a reader; the caller closes it
	 */
	public static ExportReader open(Path file, String displayName, ImportEngineProperties limits, boolean keepExtras,
			Clock clock) {
		if (!Files.isRegularFile(file)) {
			throw new ImportFailedException(displayName + ": the uploaded file is gone from the upload directory");
		}
		if (isBareJson(file)) {
			long size = sizeOf(file);
			List<Entry> single = List
				.of(new Entry(0, displayName, formatByName(displayName, true), size, size, null, 0));
			return new ExportReader(file, displayName, null, single, limits, keepExtras, clock);
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
			return new ExportReader(file, displayName, zip, tableOfContents(zip, displayName, limits), limits,
					keepExtras, clock);
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
	public String announcedFormat() {
		String combined = null;
		for (Entry entry : historyEntries()) {
			ExportFormat named = formatByName(entry.name(), false);
			if (named == null) {
				return null;
			}
			combined = ExportFormat.combine(combined, named);
		}
		return combined;
	}

	/** The history files to read, in archive order. */
	public List<Entry> historyEntries() {
		return this.entries;
	}

	/** Uncompressed bytes the history files declare, for the total-records estimate. */
	public long declaredHistoryBytes() {
		return historyEntries().stream().mapToLong((entry) -> Math.max(0, entry.size())).sum();
	}

	/**
	 * Reads every music record from a position on, in archive order.
	 * @param from where the last committed batch ended
	 * @param sink receives records and positions
	 */
	public void read(ResumePosition from, RecordSink sink) {
		for (Entry entry : this.entries) {
			if (entry.index() >= from.entryIndex()) {
				long skip = (entry.index() == from.entryIndex()) ? from.recordIndex() : 0;
				readEntry(entry, skip, entry.compressedOffset(), sink);
			}
		}
	}

	private void readEntry(Entry entry, long skip, long compressedBefore, RecordSink sink) {
		String where = (this.zip != null) ? this.displayName + ": " + entry.name() : this.displayName;
		long recordIndex = 0;
		try (CountingInputStream in = new CountingInputStream(openEntry(entry), entry, where);
				JsonParser parser = parserOver(in, where)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new ImportFailedException(where + ": the file is empty (expected a JSON array of records)");
			}
			if (first != JsonToken.START_ARRAY) {
				throw new ImportFailedException(where + ": expected a JSON array of records but found " + first);
			}
			RecordFields fields = new RecordFields();
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token == null) {
					throw new ImportFailedException(where + ": record " + recordIndex
							+ ": the file ends in the middle of the array (truncated JSON)");
				}
				if (token != JsonToken.START_OBJECT) {
					throw new ImportFailedException(
							where + ": record " + recordIndex + ": expected an object, found " + token);
				}
				if (recordIndex < skip) {
					parser.skipChildren();
				}
				else {
					fields.clear();
					readObject(parser, fields, where, recordIndex);
					emit(fields, where, recordIndex, sink);
					long done = compressedBefore + progressWithin(entry, in.count());
					sink.afterRecord(new ResumePosition(entry.index(), recordIndex + 1), done);
				}
				recordIndex++;
			}
			if (parser.nextToken() != null) {
				throw new ImportFailedException(where + ": unexpected content after the records array");
			}
		}
		catch (ImportFailedException ex) {
			throw ex;
		}
		catch (StrictUtf8InputStream.MalformedUtf8Exception ex) {
			throw new ImportFailedException(where + ": record " + recordIndex + ": invalid JSON (malformed UTF-8: "
					+ ex.getMessage() + ", at byte " + ex.offset() + " of the file); save the file as UTF-8", ex);
		}
		catch (JacksonException ex) {
			throw new ImportFailedException(where + ": record " + recordIndex + ": invalid JSON ("
					+ PrintableText.abbreviate(ex.getOriginalMessage(), 300) + ")", ex);
		}
		catch (IOException | java.io.UncheckedIOException | IllegalArgumentException ex) {
			// inflater and stream failures: truncated or corrupt entries
			throw new ImportFailedException(
					where + ": record " + recordIndex + ": unreadable data (" + ex.getClass().getSimpleName() + ": "
							+ PrintableText.abbreviate(String.valueOf(ex.getMessage()), 300) + ")",
					ex);
		}
	}

	/**
	 * A ZIP (or gzip) stored under a {@code .json} name would otherwise be parsed as
	 * binary garbage; saying what it is tells the user what to do.
	 */
	private JsonParser parserOver(CountingInputStream in, String where) throws IOException {
		refuseArchive(in, where);
		return JSON.createParser(ObjectReadContext.empty(), new StrictUtf8InputStream(in));
	}

	private void refuseArchive(CountingInputStream in, String where) throws IOException {
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

	private long progressWithin(Entry entry, long inflated) {
		if (entry.size() <= 0) {
			return 0;
		}
		return Math.min(entry.compressedSize(), inflated * entry.compressedSize() / entry.size());
	}

	private InputStream openEntry(Entry entry) throws IOException {
		if (this.zip == null) {
			return Files.newInputStream(this.file);
		}
		return this.zip.getInputStream(entry.zipEntry());
	}

	private void readObject(JsonParser parser, RecordFields fields, String where, long recordIndex) {
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			switch (name) {
				case "ts" -> fields.ts = text(parser, value, name, where, recordIndex);
				case "endTime" -> fields.endTime = text(parser, value, name, where, recordIndex);
				case "ms_played", "msPlayed" -> fields.msPlayed = integer(parser, value, name, where, recordIndex);
				case "master_metadata_track_name", "trackName" ->
					fields.trackName = text(parser, value, name, where, recordIndex);
				case "master_metadata_album_artist_name", "artistName" ->
					fields.artistName = artistName(parser, value, name, where, recordIndex);
				case "master_metadata_album_album_name" ->
					fields.albumName = text(parser, value, name, where, recordIndex);
				case "spotify_track_uri" -> fields.trackUri = trackUri(parser, value, name, where, recordIndex);
				case "episode_name", "episode_show_name", "spotify_episode_uri", "audiobook_title", "audiobook_uri",
						"audiobook_chapter_uri", "audiobook_chapter_title", "podcastName", "episodeName" -> {
					if (text(parser, value, name, where, recordIndex) != null) {
						fields.spokenWord = true;
					}
				}
				case "reason_start" -> fields.reasonStart = text(parser, value, name, where, recordIndex);
				case "reason_end" -> fields.reasonEnd = text(parser, value, name, where, recordIndex);
				case "shuffle" -> fields.shuffle = bool(value, name, where, recordIndex);
				case "skipped" -> fields.skipped = bool(value, name, where, recordIndex);
				case "offline" -> fields.offline = bool(value, name, where, recordIndex);
				case "platform" -> fields.platform = text(parser, value, name, where, recordIndex);
				case "conn_country" -> fields.connCountry = text(parser, value, name, where, recordIndex);
				// ip_addr, ip_addr_decrypted, user_agent_decrypted, username and the rest
				// are
				// never kept: skipped unread.
				default -> parser.skipChildren();
			}
		}
	}

	private void emit(RecordFields fields, String where, long recordIndex, RecordSink sink) {
		ExportFormat format;
		Instant playedAt;
		if (fields.ts != null) {
			format = ExportFormat.EXTENDED;
			playedAt = parseInstant(fields.ts, "ts", where, recordIndex);
		}
		else if (fields.endTime != null) {
			format = ExportFormat.ACCOUNT;
			playedAt = parseEndTime(fields.endTime, where, recordIndex);
		}
		else {
			throw new ImportFailedException(where + ": record " + recordIndex
					+ ": neither 'ts' (extended history) nor 'endTime' (account data) is present");
		}
		checkPlausible(playedAt, where, recordIndex);
		String trackId = CatalogKeys.spotifyTrackId(fields.trackUri);
		boolean music = trackId != null || (!fields.spokenWord && fields.trackName != null);
		if (!music) {
			sink.skipped(format, fields.spokenWord ? SkipReason.EPISODE : SkipReason.NO_TRACK);
			return;
		}
		String trackKey = (trackId != null) ? trackId
				: CatalogKeys.localTrack(fields.artistName, fields.trackName, fields.albumName);
		ExportRecord.Extras extras = null;
		if (this.keepExtras) {
			extras = new ExportRecord.Extras(fields.reasonStart, fields.reasonEnd, fields.shuffle, fields.skipped,
					fields.offline, fields.platform, fields.connCountry);
		}
		String trackName = (fields.trackName != null) ? fields.trackName : "Unknown track";
		String artistKey = (fields.artistName != null) ? artistKey(fields.artistName) : null;
		String albumKey = (fields.albumName != null) ? albumKey(fields.artistName, fields.albumName) : null;
		sink.music(new ExportRecord(playedAt, fields.msPlayed, format.source(), trackKey, trackName, artistKey,
				fields.artistName, albumKey, fields.albumName, extras), format);
	}

	private String artistKey(String artistName) {
		String key = this.artistKeys.get(artistName);
		if (key == null) {
			boundCaches();
			key = CatalogKeys.artist(artistName);
			this.artistKeys.put(artistName, key);
		}
		return key;
	}

	private String albumKey(String artistName, String albumName) {
		Map<String, String> albums = this.albumKeys.computeIfAbsent((artistName != null) ? artistName : "",
				(artist) -> new HashMap<>());
		String key = albums.get(albumName);
		if (key == null) {
			boundCaches();
			key = CatalogKeys.album(artistName, albumName);
			albums.put(albumName, key);
		}
		return key;
	}

	/** Bounded memory for pathological exports with endless distinct names. */
	private void boundCaches() {
		if (this.artistKeys.size() + this.albumKeys.size() > 200_000) {
			this.artistKeys.clear();
			this.albumKeys.clear();
		}
	}

	private static Instant parseInstant(String value, String field, String where, long recordIndex) {
		Instant fast = parseUtcSeconds(value);
		if (fast != null) {
			return fast;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new ImportFailedException(where + ": record " + recordIndex + ": '" + field
					+ "' is not an ISO-8601 timestamp: " + abbreviate(value));
		}
	}

	/**
	 * Exports write {@code yyyy-MM-ddTHH:mm:ssZ}; reading those digits directly is
	 * several times faster than the general ISO parser, which handles everything else.
	 */
	static Instant parseUtcSeconds(String value) {
		if (value.length() != 20 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T'
				|| value.charAt(13) != ':' || value.charAt(16) != ':' || value.charAt(19) != 'Z') {
			return null;
		}
		int year = digits(value, 0, 4);
		int month = digits(value, 5, 2);
		int day = digits(value, 8, 2);
		int hour = digits(value, 11, 2);
		int minute = digits(value, 14, 2);
		int second = digits(value, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59) {
			return null;
		}
		try {
			return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
		}
		catch (java.time.DateTimeException ex) {
			return null;
		}
	}

	private static int digits(String value, int from, int count) {
		int result = 0;
		for (int i = from; i < from + count; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			result = result * 10 + (c - '0');
		}
		return result;
	}

	private static Instant parseEndTime(String value, String where, long recordIndex) {
		try {
			return LocalDateTime.parse(value, ACCOUNT_END_TIME).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new ImportFailedException(
					where + ": record " + recordIndex + ": 'endTime' is not 'yyyy-MM-dd HH:mm': " + abbreviate(value));
		}
	}

	private void checkPlausible(Instant playedAt, String where, long recordIndex) {
		if (playedAt.isBefore(EARLIEST_PLAUSIBLE) || playedAt.isAfter(this.latestPlausible)) {
			throw new ImportFailedException(where + ": record " + recordIndex + ": timestamp " + playedAt
					+ " is implausible (before 2006 or in the future)");
		}
	}

	private static String text(JsonParser parser, JsonToken value, String field, String where, long recordIndex) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value != JsonToken.VALUE_STRING) {
			throw new ImportFailedException(
					where + ": record " + recordIndex + ": '" + field + "' must be a string or null, found " + value);
		}
		if (parser.getStringLength() > MAX_FIELD_LENGTH) {
			throw new ImportFailedException(where + ": record " + recordIndex + ": '" + field + "' is "
					+ parser.getStringLength() + " characters long, more than " + MAX_FIELD_LENGTH);
		}
		return parser.getString();
	}

	/**
	 * Track URIs become {@code tracks.spotify_id}, a unique key: anything but
	 * {@code spotify:track:} and 22 base-62 characters is refused (NUL or a lone
	 * surrogate would be stored differently from what the importer looks up, and a long
	 * one would overflow the index). Other URIs (local files) are left to the names.
	 */
	private static String trackUri(JsonParser parser, JsonToken value, String field, String where, long recordIndex) {
		String uri = text(parser, value, field, where, recordIndex);
		if (uri == null || !uri.startsWith(TRACK_URI_PREFIX)) {
			return uri;
		}
		boolean wellFormed = uri.length() == TRACK_URI_PREFIX.length() + 22;
		for (int i = TRACK_URI_PREFIX.length(); wellFormed && i < uri.length(); i++) {
			char c = uri.charAt(i);
			wellFormed = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
		}
		if (!wellFormed) {
			throw new ImportFailedException(where + ": record " + recordIndex + ": '" + field
					+ "' is not a Spotify track URI (spotify:track: and 22 letters or digits): "
					+ PrintableText.abbreviate(uri, 60) + " (" + uri.length() + " characters)");
		}
		return uri;
	}

	private static String artistName(JsonParser parser, JsonToken value, String field, String where, long recordIndex) {
		String name = text(parser, value, field, where, recordIndex);
		if (name != null && name.length() > MAX_ARTIST_NAME_BYTES / 4) {
			int bytes = name.getBytes(StandardCharsets.UTF_8).length;
			if (bytes > MAX_ARTIST_NAME_BYTES) {
				throw new ImportFailedException(where + ": record " + recordIndex + ": '" + field + "' is " + bytes
						+ " bytes long in UTF-8, more than " + MAX_ARTIST_NAME_BYTES
						+ " (artist names are index keys): " + PrintableText.abbreviate(name, 40));
			}
		}
		return name;
	}

	private static Integer integer(JsonParser parser, JsonToken value, String field, String where, long recordIndex) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value != JsonToken.VALUE_NUMBER_INT) {
			throw new ImportFailedException(
					where + ": record " + recordIndex + ": '" + field + "' must be a whole number, found " + value);
		}
		long number = parser.getLongValue();
		if (number < 0 || number > Integer.MAX_VALUE) {
			throw new ImportFailedException(
					where + ": record " + recordIndex + ": '" + field + "' is out of range: " + number);
		}
		return (int) number;
	}

	private static Boolean bool(JsonToken value, String field, String where, long recordIndex) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value == JsonToken.VALUE_TRUE) {
			return Boolean.TRUE;
		}
		if (value == JsonToken.VALUE_FALSE) {
			return Boolean.FALSE;
		}
		throw new ImportFailedException(
				where + ": record " + recordIndex + ": '" + field + "' must be true, false or null, found " + value);
	}

	private static String abbreviate(String value) {
		return PrintableText.abbreviate(value, 40);
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
	public record Entry(int index, String name, ExportFormat format, long compressedSize, long size, ZipEntry zipEntry,
			long compressedOffset) {
	}

	/** Receives what {@link #read} finds, in order. */
	public interface RecordSink {

		void music(ExportRecord record, ExportFormat format);

		void skipped(ExportFormat format, SkipReason reason);

		/**
		 * Called after every record.
		 * @param next where reading would resume after this record
		 * @param bytesProcessed compressed bytes of the upload consumed so far
		 */
		void afterRecord(ResumePosition next, long bytesProcessed);

	}

	/** The fields of the record being read; reused so parsing allocates little. */
	private static final class RecordFields {

		String ts;

		String endTime;

		Integer msPlayed;

		String trackName;

		String artistName;

		String albumName;

		String trackUri;

		boolean spokenWord;

		String reasonStart;

		String reasonEnd;

		Boolean shuffle;

		Boolean skipped;

		Boolean offline;

		String platform;

		String connCountry;

		void clear() {
			this.ts = null;
			this.endTime = null;
			this.msPlayed = null;
			this.trackName = null;
			this.artistName = null;
			this.albumName = null;
			this.trackUri = null;
			this.spokenWord = false;
			this.reasonStart = null;
			this.reasonEnd = null;
			this.shuffle = null;
			this.skipped = null;
			this.offline = null;
			this.platform = null;
			this.connCountry = null;
		}

	}

	/**
	 * Counts inflated bytes and stops reading when the archive turns out to be a zip
	 * bomb, whatever its headers claim.
	 */
	private final class CountingInputStream extends FilterInputStream {

		private final Entry entry;

		private final String where;

		private long count;

		CountingInputStream(InputStream in, Entry entry, String where) {
			super(new BufferedInputStream(in, 64 * 1024));
			this.entry = entry;
			this.where = where;
		}

		long count() {
			return this.count;
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
			ExportReader.this.inflatedTotal += n;
			ImportEngineProperties limits = ExportReader.this.limits;
			if (ExportReader.this.inflatedTotal > limits.maxUncompressedBytes()) {
				throw new ImportFailedException(zipBomb(ExportReader.this.displayName, this.entry.name(),
						"the archive inflates beyond IMPORT_MAX_UNCOMPRESSED_MB=" + limits.maxUncompressedMb())
					.getMessage());
			}
			if (ExportReader.this.zip != null && this.count > RATIO_CHECK_FLOOR && this.entry.compressedSize() > 0
					&& this.count / this.entry.compressedSize() > limits.maxCompressionRatio()) {
				throw new ImportFailedException(zipBomb(ExportReader.this.displayName, this.entry.name(),
						"it inflates more than " + limits.maxCompressionRatio() + "x (IMPORT_MAX_COMPRESSION_RATIO)")
					.getMessage());
			}
		}

	}

}
