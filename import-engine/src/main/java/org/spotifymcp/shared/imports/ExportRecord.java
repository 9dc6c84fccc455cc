package org.spotifymcp.shared.imports;

import java.time.Instant;

import org.spotifymcp.shared.plays.PlaySource;

/**
 * One music play read from an export, already keyed for the catalog. Optional fields are
 * null when the export lacks them.
 *
 * @param playedAt when the stream ended
 * @param msPlayed how long it played
 * @param source which export format it came from
 * @param trackKey {@code tracks.spotify_id}: the Spotify id, or {@code local:} + sha1
 * @param trackName track title
 * @param artistKey {@code artists.spotify_id} ({@code local:artist:} + sha1), null
 * without an artist name
 * @param artistName artist name
 * @param albumKey {@code albums.spotify_id} ({@code local:album:} + sha1), null without
 * an album name
 * @param albumName album name
 * @param extras the optional fields, null unless they are kept
 */
public record ExportRecord(Instant playedAt, Integer msPlayed, PlaySource source, String trackKey, String trackName,
		String artistKey, String artistName, String albumKey, String albumName, Extras extras) {

	/**
	 * The optional fields kept in {@code play_extras} when
	 * {@code IMPORT_KEEP_EXTRA_FIELDS=true}.
	 */
	public record Extras(String reasonStart, String reasonEnd, Boolean shuffle, Boolean skipped, Boolean offline,
			String platform, String connCountry) {

		boolean isEmpty() {
			return this.reasonStart == null && this.reasonEnd == null && this.shuffle == null && this.skipped == null
					&& this.offline == null && this.platform == null && this.connCountry == null;
		}

	}

}
