package org.spotifymcp.shared.spotify;

/**
 * An image Spotify offers for a user, artist or album.
 *
 * @param url image URL
 * @param width width in pixels, may be absent
 * @param height height in pixels, may be absent
 */
public record SpotifyImage(String url, Integer width, Integer height) {

}
