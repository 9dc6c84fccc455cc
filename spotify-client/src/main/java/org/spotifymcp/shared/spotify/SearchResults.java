package org.spotifymcp.shared.spotify;

/**
 * {@code GET /v1/search}: one paging object per requested type, absent for the others.
 *
 * @param tracks matching tracks
 * @param artists matching artists
 * @param albums matching albums
 */
public record SearchResults(Paging<SpotifyTrack> tracks, Paging<SpotifyArtist> artists, Paging<SpotifyAlbum> albums) {

}
