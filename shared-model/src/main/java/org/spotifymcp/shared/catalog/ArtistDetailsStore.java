package org.spotifymcp.shared.catalog;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Genres and images of catalog artists, filled after the fact from Spotify's
 * single-artist endpoint. {@code artists.genres} is {@code NULL} until Spotify was asked,
 * {@code '{}'} when it returned none, else the genres; {@code details_checked_at} says
 * when it was asked, so an artist is asked once, and again only after the retry period
 * when something was missing.
 */
public class ArtistDetailsStore {

	// Only ids the Web API accepts: polled local files and export-only artists have none.
	private static final String DUE = """
			SELECT id, spotify_id FROM artists
			 WHERE spotify_id NOT LIKE 'local:%' AND spotify_id ~ '^[0-9A-Za-z]{22}$'
			   AND (genres IS NULL OR genres = '{}' OR image_url IS NULL)
			   AND (details_checked_at IS NULL OR details_checked_at < ?)
			 ORDER BY details_checked_at NULLS FIRST, id
			 LIMIT ?
			""";

	// Genres once known are kept when a later answer (asked for the image) has none.
	private static final String SAVE = """
			UPDATE artists
			   SET genres = CASE WHEN cardinality(?::text[]) > 0 THEN ?::text[] ELSE COALESCE(genres, '{}') END,
			       image_url = COALESCE(?, image_url),
			       details_checked_at = ?
			 WHERE id = ?
			""";

	// An export-only artist, one of its tracks with a Spotify id (if any), and whether a
	// Spotify artist of the same name is already known (then there is nothing to find).
	private static final String EXPORT_ONLY = """
			SELECT a.id, a.name, t.spotify_id,
			       EXISTS (SELECT 1 FROM artists r WHERE lower(r.name) = lower(a.name)
			                  AND r.spotify_id NOT LIKE 'local:%') AS known
			  FROM artists a
			  LEFT JOIN LATERAL (SELECT t.spotify_id FROM track_artists ta JOIN tracks t ON t.id = ta.track_id
			                      WHERE ta.artist_id = a.id AND t.spotify_id ~ '^[0-9A-Za-z]{22}$'
			                      ORDER BY t.id LIMIT 1) t ON true
			 WHERE a.spotify_id LIKE 'local:%'
			   AND (a.details_checked_at IS NULL OR a.details_checked_at < ?)
			 ORDER BY a.details_checked_at NULLS FIRST, a.id
			 LIMIT ?
			""";

	private final JdbcTemplate jdbc;

	public ArtistDetailsStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Artists to ask Spotify about: never asked first, then those asked before
	 * {@code askedBefore} that still lack genres or an image.
	 * @param askedBefore the retry cut-off
	 * @param limit at most this many
	 * @return the artists, oldest question first
	 */
	public List<DueArtist> due(Instant askedBefore, int limit) {
		return this.jdbc.query(DUE, (row, i) -> new DueArtist(row.getInt(1), row.getString(2)),
				Timestamp.from(askedBefore), limit);
	}

	/**
	 * What Spotify said about an artist.
	 * @param artistId our artist id
	 * @param genres its genres, empty when Spotify gave none
	 * @param imageUrl its image, or {@code null}
	 * @param askedAt when Spotify was asked
	 */
	public void save(int artistId, List<String> genres, String imageUrl, Instant askedAt) {
		this.jdbc.update((connection) -> {
			Array array = connection.createArrayOf("text", genres.toArray());
			var statement = connection.prepareStatement(SAVE);
			statement.setArray(1, array);
			statement.setArray(2, array);
			statement.setString(3, imageUrl);
			statement.setTimestamp(4, Timestamp.from(askedAt));
			statement.setInt(5, artistId);
			return statement;
		});
	}

	/**
	 * Export-only artists to look up through one of their tracks: never tried first, then
	 * those tried before {@code triedBefore}.
	 * @param triedBefore the retry cut-off
	 * @param limit at most this many
	 * @return the artists, oldest try first
	 */
	public List<ExportArtist> exportOnly(Instant triedBefore, int limit) {
		return this.jdbc.query(EXPORT_ONLY,
				(row, i) -> new ExportArtist(row.getInt(1), row.getString(2), row.getString(3), row.getBoolean(4)),
				Timestamp.from(triedBefore), limit);
	}

	/**
	 * Records a look-up of an export-only artist: the Spotify artist found is added under
	 * its Spotify id, to be asked about like any other.
	 * @param exportArtistId the {@code local:} artist
	 * @param spotifyId the Spotify artist found, or {@code null} when one of the same
	 * name was already known
	 * @param name its name on Spotify
	 * @param triedAt when it was tried
	 */
	public void exportArtistLookedUp(int exportArtistId, String spotifyId, String name, Instant triedAt) {
		if (spotifyId != null) {
			this.jdbc.update("INSERT INTO artists (spotify_id, name) VALUES (?, ?) ON CONFLICT (spotify_id) DO NOTHING",
					spotifyId, name);
		}
		this.jdbc.update("UPDATE artists SET details_checked_at = ? WHERE id = ?", Timestamp.from(triedAt),
				exportArtistId);
	}

	/**
	 * Records that Spotify cannot say who an export-only artist is (none of its tracks
	 * has a Spotify id, or the track names no artist of that name): stored as asked with
	 * no genres, so the tools say Spotify has none rather than that it was not asked.
	 * @param exportArtistId the {@code local:} artist
	 * @param triedAt when it was tried
	 */
	public void exportArtistNotFound(int exportArtistId, Instant triedAt) {
		this.jdbc.update("UPDATE artists SET genres = COALESCE(genres, '{}'), details_checked_at = ? WHERE id = ?",
				Timestamp.from(triedAt), exportArtistId);
	}

	/**
	 * An export-only artist.
	 *
	 * @param id our artist id
	 * @param name its name in the export
	 * @param trackSpotifyId the Spotify id of one of its tracks, or {@code null} when
	 * none has one
	 * @param known whether a Spotify artist of the same name is already in the catalog
	 */
	public record ExportArtist(int id, String name, String trackSpotifyId, boolean known) {

	}

	/**
	 * An artist Spotify should be asked about.
	 *
	 * @param id our artist id
	 * @param spotifyId its Spotify id
	 */
	public record DueArtist(int id, String spotifyId) {

	}

}
