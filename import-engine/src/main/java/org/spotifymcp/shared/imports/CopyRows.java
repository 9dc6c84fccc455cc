package org.spotifymcp.shared.imports;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash
 * escapes for the delimiter, line breaks and the backslash itself.
 */
final class CopyRows {

	private final StringBuilder rows;

	private boolean rowStarted;

	CopyRows(int capacity) {
		this.rows = new StringBuilder(capacity);
	}

	CopyRows text(String value) {
		separator();
		if (value == null) {
			this.rows.append("\\N");
			return this;
		}
		StringBuilder row = this.rows;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> row.append("\\\\");
				case '\t' -> row.append("\\t");
				case '\n' -> row.append("\\n");
				case '\r' -> row.append("\\r");
				case '\0' -> {
					// PostgreSQL text cannot hold NUL; dropping it keeps the rest of the
					// name
				}
				default -> row.append(c);
			}
		}
		return this;
	}

	CopyRows raw(String value) {
		separator();
		this.rows.append(value);
		return this;
	}

	CopyRows number(Integer value) {
		separator();
		if (value == null) {
			this.rows.append("\\N");
		}
		else {
			this.rows.append(value.intValue());
		}
		return this;
	}

	CopyRows number(int value) {
		separator();
		this.rows.append(value);
		return this;
	}

	CopyRows bool(Boolean value) {
		separator();
		if (value == null) {
			this.rows.append("\\N");
		}
		else {
			this.rows.append(value ? 't' : 'f');
		}
		return this;
	}

	void endRow() {
		this.rows.append('\n');
		this.rowStarted = false;
	}

	byte[] bytes() {
		return this.rows.toString().getBytes(StandardCharsets.UTF_8);
	}

	private void separator() {
		if (this.rowStarted) {
			this.rows.append('\t');
		}
		this.rowStarted = true;
	}

}
