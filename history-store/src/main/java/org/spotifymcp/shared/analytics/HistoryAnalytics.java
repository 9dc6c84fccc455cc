package org.spotifymcp.shared.analytics;

import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers questions about one user's listening history: tops, habits, coverage,
 * discoveries, search and summaries, for any window and time zone. Each family of tools
 * is a class of its own ({@link TopItems}, {@link ListeningHabits},
 * {@link RepeatsAndDiscoveries}, {@link Summaries}, {@link PlaySearch},
 * {@link ItemHistories}) over one {@link WindowReader}; they read the rollups
 * (docs/rollups.md), so every answer stays fast at a million plays, and count plays under
 * the play-counting rule. Artists that exist under a Spotify id and an export-only id are
 * merged by lower-cased name.
 */
public class HistoryAnalytics {

	public static final int MAX_LIMIT = 50;

	private final WindowReader reader;

	private final TopItems top;

	private final ListeningHabits habits;

	private final RepeatsAndDiscoveries repeats;

	private final Summaries summaries;

	private final PlaySearch search;

	private final ItemHistories items;

	public HistoryAnalytics(NamedParameterJdbcTemplate jdbc, Clock clock, TransactionTemplate transactions,
			HistoryMemory memory) {
		this.reader = new WindowReader(jdbc, clock, transactions, memory);
		this.top = new TopItems(jdbc, this.reader);
		this.habits = new ListeningHabits(jdbc, this.reader);
		this.repeats = new RepeatsAndDiscoveries(jdbc, this.reader, this.top);
		this.summaries = new Summaries(this.reader, this.top, this.habits);
		this.search = new PlaySearch(jdbc, this.reader);
		this.items = new ItemHistories(jdbc, this.reader);
	}

	/**
	 * Resolves a window for a user, checking that the user exists.
	 * @param userId the user
	 * @param request the window asked for
	 * @return the window
	 */
	public HistoryWindow window(int userId, WindowRequest request) {
		return this.reader.slices(userId, request).window();
	}

	public TopTracks topTracks(int userId, WindowRequest request, int limit) {
		return topTracks(userId, request, limit, TopOrder.PLAYS);
	}

	/**
	 * The tracks with the most plays or listening time of the window (every track of it
	 * competes either way).
	 * @param userId the user
	 * @param request the window
	 * @param limit list size (1-50)
	 * @param order plays or listening time
	 * @return the top tracks
	 */
	public TopTracks topTracks(int userId, WindowRequest request, int limit, TopOrder order) {
		return this.top.topTracks(userId, request, limit, order);
	}

	public TopArtists topArtists(int userId, WindowRequest request, int limit) {
		return topArtists(userId, request, limit, TopOrder.PLAYS);
	}

	public TopArtists topArtists(int userId, WindowRequest request, int limit, TopOrder order) {
		return this.top.topArtists(userId, request, limit, order);
	}

	public TopAlbums topAlbums(int userId, WindowRequest request, int limit) {
		return topAlbums(userId, request, limit, TopOrder.PLAYS);
	}

	public TopAlbums topAlbums(int userId, WindowRequest request, int limit, TopOrder order) {
		return this.top.topAlbums(userId, request, limit, order);
	}

	/**
	 * One track of the listener's history: plays, listening time, skipped listens, first
	 * and last play and plays per month in the listener's zone.
	 * @param userId the user
	 * @param spotifyId the track's Spotify (or local) id
	 * @return the track, empty when the listener never listened to it
	 */
	public Optional<ItemHistory> trackHistory(int userId, String spotifyId) {
		return this.items.track(userId, spotifyId);
	}

	/**
	 * One album (with the albums merged into it in the top lists: same name and first
	 * artist), its numbers as for a track and the listener's plays of each of its tracks.
	 * @param userId the user
	 * @param spotifyId the album's Spotify (or local) id
	 * @return the album, empty when the listener never listened to it
	 */
	public Optional<ItemHistory> albumHistory(int userId, String spotifyId) {
		return this.items.album(userId, spotifyId);
	}

	/**
	 * One artist (merged by lower-cased name, as the top lists merge them), its numbers
	 * as for a track and its most played tracks.
	 * @param userId the user
	 * @param name the artist's name
	 * @return the artist, empty when the listener never listened to them
	 */
	public Optional<ItemHistory> artistHistory(int userId, String name) {
		return this.items.artist(userId, name);
	}

	public ListeningHeatmap heatmap(int userId, WindowRequest request) {
		return this.habits.heatmap(userId, request);
	}

	public Coverage coverage(int userId, WindowRequest request) {
		return this.habits.coverage(userId, request);
	}

	/**
	 * Plays and minutes per bucket.
	 * @param userId the user
	 * @param request the window
	 * @param granularity day, week, month, or null to pick by window length
	 * @return every bucket of the window
	 */
	public ListeningTimeline timeline(int userId, WindowRequest request, String granularity) {
		return this.habits.timeline(userId, request, granularity);
	}

	public RepeatRate repeatRate(int userId, WindowRequest request, int limit) {
		return this.repeats.repeatRate(userId, request, limit);
	}

	/**
	 * Skipped listens of a window and the tracks and artists skipped most.
	 * @param userId the user
	 * @param request the window
	 * @param limit size of the track and artist lists
	 * @return the skip rates
	 */
	public SkipRates skips(int userId, WindowRequest request, int limit) {
		return this.repeats.skips(userId, request, limit);
	}

	public Discoveries discoveries(int userId, WindowRequest request, int limit) {
		return this.repeats.discoveries(userId, request, limit);
	}

	/**
	 * Pages through the user's plays whose track, artist or album contains a text.
	 * @param userId the user
	 * @param request the window
	 * @param query at least two characters, case-insensitive
	 * @param offset plays to skip (0-10000)
	 * @param limit page size (1-50)
	 * @return the page, newest first
	 */
	public SearchHistory searchHistory(int userId, WindowRequest request, String query, int offset, int limit) {
		return this.search.searchHistory(userId, request, query, offset, limit);
	}

	/**
	 * Headline numbers of two windows and how the artists changed between them.
	 * @param userId the user
	 * @param periodA the first window
	 * @param periodB the second window
	 * @param limit size of the top and new/lost lists
	 * @return the comparison
	 */
	public PeriodComparison comparePeriods(int userId, WindowRequest periodA, WindowRequest periodB, int limit) {
		return this.summaries.comparePeriods(userId, periodA, periodB, limit);
	}

	public Wrapped wrapped(int userId, WindowRequest request) {
		return this.summaries.wrapped(userId, request);
	}

	public TasteSummary tasteSummary(int userId, WindowRequest request) {
		return this.summaries.tasteSummary(userId, request);
	}

}
