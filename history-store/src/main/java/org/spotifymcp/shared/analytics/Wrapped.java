package org.spotifymcp.shared.analytics;

import java.util.List;

/**
 * A year-in-review style summary for any window.
 *
 * @param window the window
 * @param plays plays
 * @param minutes minutes listened
 * @param uniqueTracks distinct tracks
 * @param uniqueArtists distinct artists
 * @param topArtists top 5 artists
 * @param topTracks top 5 tracks
 * @param topAlbums top 5 albums
 * @param topGenres top genres (empty when unavailable, see {@code genresAvailable})
 * @param genresAvailable false when artists were played but none has genres known, so an
 * empty {@code topGenres} does not mean the listener has no genres
 * @param genresNote why genres are unavailable ("genres unavailable: ..."), {@code null}
 * when they are available
 * @param busiestDay the local day with most plays (null without plays)
 * @param busiestDayPlays plays on that day
 * @param busiestMonth the month with most plays, yyyy-MM (null without plays)
 * @param peakHour the busiest local hour (null without plays)
 * @param longestStreakDays most consecutive days with plays
 * @param newTracks tracks first ever played in the window
 * @param newArtists artists first ever played in the window
 */
public record Wrapped(WindowInfo window, long plays, double minutes, long uniqueTracks, long uniqueArtists,
		List<ArtistCount> topArtists, List<TrackCount> topTracks, List<AlbumCount> topAlbums, List<String> topGenres,
		boolean genresAvailable, String genresNote, String busiestDay, long busiestDayPlays, String busiestMonth,
		Integer peakHour, long longestStreakDays, long newTracks, long newArtists) {

}
