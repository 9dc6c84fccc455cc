package org.spotifymcp.shared.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Passes on only well-formed UTF-8 (RFC 3629). Jackson's byte parser decodes overlong
 * forms such as {@code C0 AF} as {@code /}, encoded surrogates and code points past
 * U+10FFFF without complaint, so a file could smuggle characters past every check on the
 * decoded text. The bytes before a malformed sequence are handed on first and the failure
 * comes with the next read, so the parser stops inside the record that holds it.
 */
final class StrictUtf8InputStream extends FilterInputStream {

	private long offset;

	/** Continuation bytes the current sequence still needs. */
	private int needed;

	/** Allowed range of the next continuation byte (narrower right after some leads). */
	private int low = 0x80;

	private int high = 0xBF;

	private int lead;

	private MalformedUtf8Exception pending;

	StrictUtf8InputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n <= 0) ? -1 : (one[0] & 0xFF);
	}

	@Override
	public int read(byte[] buffer, int from, int length) throws IOException {
		if (this.pending != null) {
			throw this.pending;
		}
		int n = super.read(buffer, from, length);
		if (n < 0) {
			if (this.needed > 0) {
				throw new MalformedUtf8Exception(this.offset,
						"the data ends inside a multi-byte sequence starting with " + hex(this.lead));
			}
			return n;
		}
		int end = from + n;
		int i = from;
		while (i < end) {
			if (this.needed == 0) {
				// exports are mostly ASCII: skip it in a tight loop
				while (i < end && buffer[i] >= 0) {
					i++;
				}
				if (i == end) {
					break;
				}
			}
			String problem = check(buffer[i] & 0xFF);
			if (problem != null) {
				MalformedUtf8Exception failure = new MalformedUtf8Exception(this.offset + (i - from), problem);
				int good = i - from;
				if (good == 0) {
					throw failure;
				}
				this.offset += good;
				this.pending = failure;
				return good;
			}
			i++;
		}
		this.offset += n;
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		// skipping would leave the validator out of step with the data
		byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
		int read = read(sink, 0, sink.length);
		return Math.max(0, read);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	/**
	 * @return null when the byte is fine here, else what is wrong with it
	 */
	private String check(int b) {
		if (this.needed > 0) {
			if (b < this.low || b > this.high) {
				return "byte " + hex(b) + " cannot follow " + hex(this.lead) + " (incomplete multi-byte sequence)";
			}
			this.needed--;
			this.low = 0x80;
			this.high = 0xBF;
			return null;
		}
		if (b < 0x80) {
			return null;
		}
		this.lead = b;
		if (b >= 0xC2 && b <= 0xDF) {
			this.needed = 1;
		}
		else if (b >= 0xE0 && b <= 0xEF) {
			this.needed = 2;
			if (b == 0xE0) {
				this.low = 0xA0;
			}
			else if (b == 0xED) {
				// ED A0..BF would encode a UTF-16 surrogate
				this.high = 0x9F;
			}
		}
		else if (b >= 0xF0 && b <= 0xF4) {
			this.needed = 3;
			if (b == 0xF0) {
				this.low = 0x90;
			}
			else if (b == 0xF4) {
				this.high = 0x8F;
			}
		}
		else if (b == 0xC0 || b == 0xC1) {
			return "byte " + hex(b) + " starts an overlong encoding";
		}
		else if (b < 0xC0) {
			return "byte " + hex(b) + " is a continuation byte without a lead byte";
		}
		else {
			return "byte " + hex(b) + " never occurs in UTF-8";
		}
		return null;
	}

	private static String hex(int b) {
		return String.format(Locale.ROOT, "0x%02X", b);
	}

	/** The data is not UTF-8; {@link #offset()} is the bad byte's position. */
	static final class MalformedUtf8Exception extends RuntimeException {

		private final long offset;

		MalformedUtf8Exception(long offset, String problem) {
			super(problem, null, false, false);
			this.offset = offset;
		}

		long offset() {
			return this.offset;
		}

	}

}
