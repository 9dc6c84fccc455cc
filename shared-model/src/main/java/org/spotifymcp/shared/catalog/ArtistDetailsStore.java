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
	 * An artist Spotify should be asked about.
	 *
	 * @param id our artist id
	 * @param spotifyId its Spotify id
	 */
	public record DueArtist(int id, String spotifyId) {

	}

}
