package org.spotifymcp.api.me.data;

import java.util.Locale;

/** The download formats of a listener's history. */
public enum ExportFormat {

	/**
	 * Spotify's extended streaming history (what the importer reads), with our extra
	 * fields: re-importable without loss of plays.
	 */
	JSON("json", "application/json"),
	/** One row per play, for spreadsheets. */
	CSV("csv", "text/csv;charset=UTF-8"),
	/** ListenBrainz listens, one JSON object per line. */
	LISTENBRAINZ("listenbrainz.jsonl", "application/x-ndjson");

	private final String extension;

	private final String contentType;

	ExportFormat(String extension, String contentType) {
		this.extension = extension;
		this.contentType = contentType;
	}

	public String extension() {
		return this.extension;
	}

	public String contentType() {
		return this.contentType;
	}

	/**
	 * Reads a {@code format} parameter.
	 * @param value json, csv or listenbrainz
	 * @return the format
	 * @throws IllegalArgumentException naming the allowed values
	 */
	public static ExportFormat parse(String value) {
		String name = (value == null) ? "json" : value.trim().toLowerCase(Locale.ROOT);
		return switch (name) {
			case "json" -> JSON;
			case "csv" -> CSV;
			case "listenbrainz" -> LISTENBRAINZ;
			default ->
				throw new IllegalArgumentException("format must be json, csv or listenbrainz, got '" + value + "'");
		};
	}

}
