package org.spotifymcp.shared.spotify;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A playlist as {@code POST /me/playlists} and {@code GET /playlists/{id}} return it.
 *
 * @param id Spotify id
 * @param name name
 * @param uri {@code spotify:playlist:…}
 * @param externalUrls {@code spotify} holds the web address
 * @param isPublic whether it is public
 * @param snapshotId version of its contents
 */
public record SpotifyPlaylist(String id, String name, String uri, Map<String, String> externalUrls,
		@JsonProperty("public") Boolean isPublic, String snapshotId) {

	public SpotifyPlaylist {
		externalUrls = (externalUrls != null) ? externalUrls : Map.of();
	}

	/** The web address to open it, built from the id when Spotify sent none. */
	public String webUrl() {
		String url = this.externalUrls.get("spotify");
		return (url != null && !url.isBlank()) ? url : "https://open.spotify.com/playlist/" + this.id;
	}

}
