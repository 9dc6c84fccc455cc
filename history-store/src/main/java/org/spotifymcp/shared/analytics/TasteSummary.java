package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * The taste summary: listening volume, favourite artists, tracks and genres, and habits.
 * It holds no audio profile: Spotify no longer gives new apps audio features.
 *
 * @param window the window
 * @param plays plays
 * @param minutes minutes listened
 * @param uniqueTracks distinct tracks
 * @param uniqueArtists distinct artists
 * @param topArtists most played artists (10)
 * @param topTracks most played tracks (10)
 * @param topGenres genres weighted by plays (10; empty when unavailable, see
 * {@code genresAvailable})
 * @param genresAvailable false when artists were played but none has genres known, so an
 * empty {@code topGenres} does not mean the listener has no genres
 * @param genresNote why genres are unavailable ("genres unavailable: ..."), {@code null}
 * when they are available
 * @param repeatRate share of plays that repeated a track
 * @param discoveryRate share of distinct tracks first ever played in the window
 * @param peakWeekday busiest weekday
 * @param peakHour busiest local hour
 * @param notes short remarks for the reader
 */
public record TasteSummary(WindowInfo window, long plays, double minutes, long uniqueTracks, long uniqueArtists,
		List<ArtistCount> topArtists, List<TrackCount> topTracks, List<GenreCount> topGenres, boolean genresAvailable,
		String genresNote, double repeatRate, double discoveryRate, String peakWeekday, Integer peakHour,
		List<String> notes) {

	/**
	 * A genre with the plays of its artists.
	 *
	 * @param genre genre name
	 * @param plays plays
	 */
	public record GenreCount(String genre, long plays) {

	}

}
