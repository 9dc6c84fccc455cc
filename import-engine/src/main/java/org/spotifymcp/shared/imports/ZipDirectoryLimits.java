package org.spotifymcp.shared.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a ZIP's end-of-central-directory record before {@link java.util.zip.ZipFile} is
 * opened: {@code ZipFile} loads the whole central directory onto the heap, and an archive
 * of 100,000 tiny entries ran a 72 MB collector out of memory there. Archives whose
 * directory declares more entries, or more bytes, than {@code IMPORT_MAX_ZIP_ENTRIES}
 * allow are refused first. What the record says can lie; the reader counts entries again
 * while listing them.
 */
final class ZipDirectoryLimits {

	/** Central directory bytes allowed per permitted entry; Spotify's use about 150. */
	static final int BYTES_PER_ENTRY = 512;

	private static final int END_SIGNATURE = 0x06054b50;

	private static final int END_SIZE = 22;

	private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;

	private static final int ZIP64_END_SIGNATURE = 0x06064b50;

	private ZipDirectoryLimits() {
	}

	/**
	 * @throws ImportFailedException naming the archive when its directory is too large
	 */
	static void check(Path file, String displayName, int maxEntries) {
		long entries;
		long directoryBytes;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			int tail = (int) Math.min(size, END_SIZE + 0xFFFF);
			ByteBuffer buffer = read(channel, size - tail, tail);
			int end = -1;
			for (int i = tail - END_SIZE; i >= 0; i--) {
				// as ZipFile does: the record's comment must end exactly at the end of
				// the
				// file, so a signature inside the comment is not taken for the record
				if (buffer.getInt(i) == END_SIGNATURE && i + END_SIZE + (buffer.getShort(i + 20) & 0xFFFF) == tail) {
					end = i;
					break;
				}
			}
			if (end < 0) {
				// not a ZIP at all: ZipFile says so in its own words
				return;
			}
			entries = buffer.getShort(end + 10) & 0xFFFFL;
			directoryBytes = buffer.getInt(end + 12) & 0xFFFFFFFFL;
			if ((entries == 0xFFFF || directoryBytes == 0xFFFFFFFFL) && end >= 20
					&& buffer.getInt(end - 20) == ZIP64_LOCATOR_SIGNATURE) {
				long zip64End = buffer.getLong(end - 20 + 8);
				if (zip64End >= 0 && zip64End + 56 <= size) {
					ByteBuffer record = read(channel, zip64End, 56);
					if (record.getInt(0) == ZIP64_END_SIGNATURE) {
						entries = record.getLong(32);
						directoryBytes = record.getLong(40);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new ImportFailedException(displayName + " could not be read: " + ex.getMessage(), ex);
		}
		if (entries > maxEntries || entries < 0) {
			throw tooMany(displayName, "it declares " + entries + " entries", maxEntries);
		}
		if (directoryBytes > (long) maxEntries * BYTES_PER_ENTRY || directoryBytes < 0) {
			throw tooMany(displayName, "its table of contents takes " + directoryBytes + " bytes", maxEntries);
		}
	}

	static ImportFailedException tooMany(String displayName, String what, int maxEntries) {
		return new ImportFailedException(
				displayName + " has too many files: " + what + ", more than IMPORT_MAX_ZIP_ENTRIES=" + maxEntries
						+ " allows (Spotify's exports hold fewer than 100); refusing the archive");
	}

	private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				break;
			}
		}
		// absolute reads only: a short read leaves zeros, which match no signature
		return buffer;
	}

}
