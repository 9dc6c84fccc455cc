package org.spotifymcp.shared.imports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Well-formed UTF-8 passes unchanged however it is split into reads; every kind of
 * malformed sequence is refused with its position.
 */
class StrictUtf8InputStreamTest {

	private static final String EDGES = "a\u0080\u07FF\u0800\uD7FF\uE000\uFFFD\uD800\uDC00\uDBFF\uDFFFé漢字🎵z";

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 8192 })
	void wellFormedTextPassesUnchanged(int chunk) throws IOException {
		byte[] bytes = EDGES.repeat(50).getBytes(StandardCharsets.UTF_8);
		assertThat(readAll(new StrictUtf8InputStream(new ByteArrayInputStream(bytes)), chunk)).isEqualTo(bytes);
	}

	@ParameterizedTest
	@ValueSource(strings = { "C0 AF", "C1 BF", "E0 80 AF", "ED A0 80", "ED BF BF", "F0 80 80 AF", "F4 90 80 80",
			"F5 80", "FF", "80", "C3 28", "E2 82 28" })
	void malformedSequencesAreRefusedAtTheirPosition(String hex) {
		byte[] bad = bytes(hex);
		byte[] content = new byte[4 + bad.length + 2];
		content[0] = '[';
		content[1] = '"';
		content[2] = 'x';
		content[3] = 'y';
		System.arraycopy(bad, 0, content, 4, bad.length);
		content[content.length - 2] = '"';
		content[content.length - 1] = ']';
		StrictUtf8InputStream in = new StrictUtf8InputStream(new ByteArrayInputStream(content));
		ByteArrayOutputStream passed = new ByteArrayOutputStream();
		assertThatThrownBy(() -> copy(in, passed, 8192)).isInstanceOfSatisfying(
				StrictUtf8InputStream.MalformedUtf8Exception.class,
				(ex) -> assertThat(ex.offset()).isBetween(4L, 4L + bad.length - 1));
		assertThat(passed.toByteArray()).as("the good bytes before it are handed on first")
			.startsWith(new byte[] { '[', '"', 'x', 'y' });
	}

	@ParameterizedTest
	@ValueSource(strings = { "E2 82", "F0 9F 8E", "C3" })
	void dataEndingInsideASequenceIsRefused(String hex) {
		StrictUtf8InputStream in = new StrictUtf8InputStream(new ByteArrayInputStream(bytes(hex)));
		assertThatThrownBy(() -> readAll(in, 8192)).isInstanceOf(StrictUtf8InputStream.MalformedUtf8Exception.class)
			.hasMessageContaining("ends inside a multi-byte sequence");
	}

	private static byte[] bytes(String hex) {
		String[] parts = hex.split(" ");
		byte[] bytes = new byte[parts.length];
		for (int i = 0; i < parts.length; i++) {
			bytes[i] = (byte) Integer.parseInt(parts[i], 16);
		}
		return bytes;
	}

	private static byte[] readAll(InputStream in, int chunk) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		copy(in, out, chunk);
		return out.toByteArray();
	}

	private static void copy(InputStream in, ByteArrayOutputStream out, int chunk) throws IOException {
		byte[] buffer = new byte[chunk];
		int n;
		while ((n = in.read(buffer, 0, chunk)) >= 0) {
			out.write(buffer, 0, n);
		}
	}

}
