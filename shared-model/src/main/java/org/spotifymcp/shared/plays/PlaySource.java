package org.spotifymcp.shared.plays;

/**
 * Where a play came from; stored as a small integer to keep the plays table narrow.
 */
public enum PlaySource {

	/** Polled from the Web API's recently-played endpoint. */
	API(1),
	/**
	 * An extended streaming history export ({@code Streaming_History_Audio_*},
	 * {@code endsong_*}).
	 */
	EXTENDED_EXPORT(2),
	/** An account-data export ({@code StreamingHistory*}), minute precision. */
	ACCOUNT_EXPORT(3);

	private final short code;

	PlaySource(int code) {
		this.code = (short) code;
	}

	public short code() {
		return this.code;
	}

	public static PlaySource fromCode(short code) {
		for (PlaySource source : values()) {
			if (source.code == code) {
				return source;
			}
		}
		throw new IllegalArgumentException("unknown play source code " + code);
	}

}
