package org.spotifymcp.shared.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the archives attackers and broken tools produce.
 */
final class HostileArchives {

	private HostileArchives() {
	}

	static byte[] zip(Map<String, byte[]> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** Marks every entry as encrypted (general purpose flag bit 0), as ZipCrypto does. */
	static byte[] encrypted(byte[] zip) {
		byte[] copy = zip.clone();
		for (int i = 0; i + 4 < copy.length; i++) {
			if (copy[i] == 'P' && copy[i + 1] == 'K' && copy[i + 2] == 3 && copy[i + 3] == 4) {
				copy[i + 6] |= 1;
			}
			if (copy[i] == 'P' && copy[i + 1] == 'K' && copy[i + 2] == 1 && copy[i + 3] == 2) {
				copy[i + 8] |= 1;
			}
		}
		return copy;
	}

	/**
	 * An archive of {@code count} history files each holding {@code []}: with 100,000 of
	 * them about 20 MB, whose listing alone ran a 72 MB heap out of memory.
	 */
	static byte[] manyEntries(int count) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(count * 220);
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			byte[] empty = "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
			for (int i = 0; i < count; i++) {
				zip.putNextEntry(new ZipEntry(
						String.format("Spotify Extended Streaming History/Streaming_History_Audio_2020_%06d.json", i)));
				zip.write(empty);
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Makes the end-of-central-directory record claim {@code count} entries, whatever the
	 * archive holds.
	 */
	static byte[] claimingEntries(byte[] zip, int count) {
		byte[] copy = zip.clone();
		for (int i = copy.length - 22; i >= 0; i--) {
			if (copy[i] == 'P' && copy[i + 1] == 'K' && copy[i + 2] == 5 && copy[i + 3] == 6) {
				for (int field : new int[] { 8, 10 }) {
					copy[i + field] = (byte) count;
					copy[i + field + 1] = (byte) (count >>> 8);
				}
				return copy;
			}
		}
		throw new IllegalArgumentException("no end of central directory record");
	}

	/** An archive without entries: only the end-of-central-directory record. */
	static byte[] empty() {
		byte[] end = new byte[22];
		end[0] = 'P';
		end[1] = 'K';
		end[2] = 5;
		end[3] = 6;
		return end;
	}

}
