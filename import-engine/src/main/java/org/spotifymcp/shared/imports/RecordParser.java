package org.spotifymcp.shared.imports;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Turns one JSON object of an export into a music record or a skipped one: reads the
 * fields of both formats (extended history and account data), checks each (type, length,
 * track URI, timestamp) and keys the record for the catalog. Every problem becomes an
 * {@link ImportFailedException} naming the file, the record index and the field.
 */
final class RecordParser {

	/** Longest text kept from a field; longer values are refused as hostile. */
	static final int MAX_FIELD_LENGTH = 4096;

	/**
	 * Longest artist name in UTF-8 bytes: {@code lower(name)} is a btree key (artist
	 * rollups, name lookups) and PostgreSQL refuses index rows over 2,704 bytes, which
	 * would fail a whole batch; lower-casing can grow a name by half.
	 */
	static final int MAX_ARTIST_NAME_BYTES = 1000;

	/** Spotify launched in 2008; anything before its founding is corrupt input. */
	private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2006-01-01T00:00:00Z");

	private static final DateTimeFormatter ACCOUNT_END_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm",
			Locale.ROOT);

	private final boolean keepExtras;

	/**
	 * Artist and album keys by name: a few names dominate any history, hash them once.
	 */
	private final Map<String, String> artistKeys = new HashMap<>();

	/** Album keys by artist name, then album name: no key string built per record. */
	private final Map<String, Map<String, String>> albumKeys = new HashMap<>();

	/** Timestamps after this are in the future; read once, not per record. */
	private final Instant latestPlausible;

	private final RecordFields fields = new RecordFields();

	/**
	 * @param keepExtras whether optional fields are read into records
	 * @param clock decides which timestamps lie in the future
	 */
	RecordParser(boolean keepExtras, Clock clock) {
		this.keepExtras = keepExtras;
		this.latestPlausible = clock.instant().plusSeconds(86400);
	}

	/**
	 * Reads the object the parser is at (its start token read) and hands the sink a music
	 * record or a skip.
	 */
	void parse(JsonParser parser, String where, long recordIndex, ExportReader.RecordSink sink) {
		this.fields.clear();
		readObject(parser, this.fields, where, recordIndex);
		emit(this.fields, where, recordIndex, sink);
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

	private void emit(RecordFields fields, String where, long recordIndex, ExportReader.RecordSink sink) {
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
		if (uri == null || !uri.startsWith(CatalogKeys.TRACK_URI_PREFIX)) {
			return uri;
		}
		boolean wellFormed = uri.length() == CatalogKeys.TRACK_URI_PREFIX.length() + 22;
		for (int i = CatalogKeys.TRACK_URI_PREFIX.length(); wellFormed && i < uri.length(); i++) {
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

}
