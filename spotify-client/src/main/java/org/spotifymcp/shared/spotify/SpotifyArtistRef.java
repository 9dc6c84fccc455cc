package org.spotifymcp.shared.spotify;

/**
 * The simplified artist inside tracks and albums.
 *
 * @param id Spotify id
 * @param name name
 * @param uri Spotify URI
 */
public record SpotifyArtistRef(String id, String name, String uri) {

}
