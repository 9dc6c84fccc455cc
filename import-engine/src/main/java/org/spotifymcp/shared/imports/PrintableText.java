package org.spotifymcp.shared.imports;

import java.util.Locale;

/**
 * Text from an upload made safe to show and to store: control characters and lone UTF-16
 * surrogates become {@code \}{@code uXXXX} escapes. PostgreSQL refuses NUL in text, so an
 * error message quoting one would fail the very update that reports the problem.
 */
final class PrintableText {

	private PrintableText() {
	}

	static String of(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder text = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1));
			boolean bad = Character.isISOControl(c) || (Character.isSurrogate(c) && !pair);
			if (bad && text == null) {
				text = new StringBuilder(value.length() + 16).append(value, 0, i);
			}
			if (text != null) {
				if (bad) {
					text.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
				}
				else {
					text.append(c);
				}
			}
			if (pair) {
				if (text != null) {
					text.append(value.charAt(i + 1));
				}
				i++;
			}
		}
		return (text != null) ? text.toString() : value;
	}

	/** The first {@code max} characters (never half a surrogate pair), made printable. */
	static String abbreviate(String value, int max) {
		if (value.length() <= max) {
			return of(value);
		}
		int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
		return of(value.substring(0, end)) + "…";
	}

}
