package org.spotifymcp.api.me.web;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * The catalog's pictures for the items a page lists: album covers (for albums and their
 * tracks) and artist images, where the catalog has them. Pages draw a placeholder for the
 * rest, so a missing picture costs no request.
 */
@Component
public class CatalogImages {

	private final NamedParameterJdbcTemplate jdbc;

	CatalogImages(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Artist images by the names given (artists merged by lower-cased name). */
	public Map<String, String> artists(Collection<String> names) {
		return read("SELECT n.k, (SELECT a.image_url FROM artists a WHERE lower(a.name) = lower(n.k)"
				+ " AND a.image_url IS NOT NULL ORDER BY (a.spotify_id LIKE 'local:%'), a.id LIMIT 1) AS image"
				+ " FROM unnest(:keys) AS n(k)", names);
	}

	/** Album covers by album Spotify id. */
	public Map<String, String> albums(Collection<String> spotifyIds) {
		return read("SELECT spotify_id AS k, image_url AS image FROM albums WHERE spotify_id = ANY (:keys)",
				spotifyIds);
	}

	/** Album covers by track Spotify id. */
	public Map<String, String> tracks(Collection<String> spotifyIds) {
		return read("SELECT t.spotify_id AS k, al.image_url AS image FROM tracks t JOIN albums al ON al.id = t.album_id"
				+ " WHERE t.spotify_id = ANY (:keys)", spotifyIds);
	}

	private Map<String, String> read(String sql, Collection<String> keys) {
		Map<String, String> images = new HashMap<>();
		if (keys.isEmpty()) {
			return images;
		}
		this.jdbc.query(sql,
				new MapSqlParameterSource("keys", new SqlArrayValue("text", new LinkedHashSet<>(keys).toArray())),
				(rs) -> {
					if (rs.getString("image") != null) {
						images.put(rs.getString("k"), rs.getString("image"));
					}
				});
		return images;
	}

}
