package org.spotifymcp.shared.imports;

import org.spotifymcp.shared.plays.PlaySource;

/**
 * The two export formats. Their {@code import_jobs.format_detected} codes:
 * {@code extended} for extended streaming history (whether its files are named
 * {@code Streaming_History_Audio_*} or the older {@code endsong_*}), {@code account_data}
 * for account data ({@code StreamingHistory*}), {@code mixed} when one upload holds both.
 */
public enum ExportFormat {

	/** Extended streaming history: {@code ts}, {@code ms_played}, URIs. */
	EXTENDED("extended", PlaySource.EXTENDED_EXPORT),
	/** Account data: {@code endTime}, {@code artistName}, {@code trackName}. */
	ACCOUNT("account_data", PlaySource.ACCOUNT_EXPORT);

	static final String MIXED = "mixed";

	private final String code;

	private final PlaySource source;

	ExportFormat(String code, PlaySource source) {
		this.code = code;
		this.source = source;
	}

	public String code() {
		return this.code;
	}

	public PlaySource source() {
		return this.source;
	}

	/**
	 * Merges a format seen now into what a job already recorded.
	 * @param recorded the job's {@code format_detected}, possibly null
	 * @param seen the format of a record just read
	 * @return the new {@code format_detected}
	 */
	static String combine(String recorded, ExportFormat seen) {
		if (recorded == null || recorded.equals(seen.code)) {
			return seen.code;
		}
		return MIXED;
	}

	static String combine(String recorded, String other) {
		if (other == null) {
			return recorded;
		}
		if (recorded == null || recorded.equals(other)) {
			return other;
		}
		return MIXED;
	}

}
