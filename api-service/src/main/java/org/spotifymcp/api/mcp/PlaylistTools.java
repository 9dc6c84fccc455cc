package org.spotifymcp.api.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.TopTracks;
import org.spotifymcp.shared.analytics.TrackCount;
import org.spotifymcp.shared.analytics.WindowInfo;
import org.spotifymcp.shared.playlists.PlaylistPreferences;
import org.spotifymcp.shared.playlists.PlaylistTracks;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyPlaylist;
import org.spotifymcp.shared.spotify.SpotifyUserApi;

/**
 * {@code playlists.create_from_history}: a new private playlist in the listener's own
 * Spotify account with their most played tracks of a window, counted like every history
 * tool. It writes, so it is annotated as not read-only, OAuth callers need
 * {@code spotify:write}, and the admin token may not call it.
 */
class PlaylistTools implements McpToolSource {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_NAME_LENGTH = 100;

	private final HistoryAnalytics history;

	private final SpotifyClient spotify;

	private final PlaylistPreferences preferences;

	PlaylistTools(HistoryAnalytics history, SpotifyClient spotify, PlaylistPreferences preferences) {
		this.history = history;
		this.spotify = spotify;
		this.preferences = preferences;
	}

	@Override
	public List<McpTool> tools() {
		Map<String, Object> specific = new LinkedHashMap<>();
		specific.put("size", Map.of("type", "integer", "minimum", 1, "maximum", HistoryAnalytics.MAX_LIMIT, "default",
				DEFAULT_SIZE, "description", "how many of the most played tracks to put in"));
		specific.put("name", Map.of("type", "string", "minLength", 1, "maxLength", MAX_NAME_LENGTH, "description",
				"the playlist's name, default \"Top tracks START – END\""));
		return List.of(new McpTool("playlists.create_from_history", "Create a playlist from history",
				"Creates a new private playlist in the user's Spotify account with their most played tracks of a"
						+ " window (counted plays, as history_top_tracks counts them) and returns its URL. Writes to"
						+ " Spotify: needs the spotify:write scope (or the user's MCP token) and a Spotify login that"
						+ " allows " + PlaylistPreferences.REQUIRED_SCOPE + ".",
				McpToolCatalog.schema(McpToolCatalog.window(), specific), CreatedPlaylist.class, this::create,
				(r) -> "Created playlist \"" + ((CreatedPlaylist) r).name() + "\" with "
						+ ((CreatedPlaylist) r).tracks() + " tracks: " + ((CreatedPlaylist) r).playlistUrl(),
				false));
	}

	private CreatedPlaylist create(int userId, ToolArguments args) {
		int size = args.integer("size", DEFAULT_SIZE);
		if (size < 1 || size > HistoryAnalytics.MAX_LIMIT) {
			throw new McpToolException("size must be between 1 and " + HistoryAnalytics.MAX_LIMIT + ", got " + size);
		}
		String name = args.string("name");
		if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH
				|| name.chars().anyMatch(Character::isISOControl))) {
			throw new McpToolException(
					"name must be 1 to " + MAX_NAME_LENGTH + " characters without control characters");
		}
		TopTracks top = this.history.topTracks(userId, args.window(), size);
		WindowInfo window = top.window();
		List<String> uris = PlaylistTracks.uris(top.tracks().stream().map(TrackCount::spotifyId).toList());
		if (uris.isEmpty()) {
			throw new McpToolException("no counted plays of Spotify tracks from " + window.start() + " to "
					+ window.end() + "; nothing to put in a playlist (try a longer window)");
		}
		if (!this.preferences.canWritePlaylists(userId)) {
			throw new McpToolException(
					"the user's Spotify login does not allow writing playlists (" + PlaylistPreferences.REQUIRED_SCOPE
							+ "); they need to reconnect Spotify at " + PlaylistPreferences.RECONNECT_PATH);
		}
		String title = (name != null) ? name.strip() : "Top tracks " + window.start() + " – " + window.end();
		try {
			SpotifyUserApi api = this.spotify.forUser(userId, new SpotifyCallStats());
			SpotifyPlaylist playlist = api.createPlaylist(title, "Most played tracks from " + window.start() + " to "
					+ window.end() + ", counted from the listening history.", false);
			api.replacePlaylistItems(playlist.id(), uris);
			return new CreatedPlaylist(playlist.webUrl(), playlist.id(), title, uris.size(), window);
		}
		catch (SpotifyApiException ex) {
			throw new McpToolException(problem(ex));
		}
		catch (IllegalStateException ex) {
			throw new McpToolException("no valid Spotify login for this user; they need to log in at "
					+ PlaylistPreferences.RECONNECT_PATH);
		}
	}

	private static String problem(SpotifyApiException ex) {
		return switch (ex.kind()) {
			case REAUTH_REQUIRED, UNAUTHORIZED -> "no valid Spotify login for this user; they need to log in again at "
					+ PlaylistPreferences.RECONNECT_PATH;
			case APP_PAUSED -> "Spotify's quota for this app is used up; try again in "
					+ Math.max(1, (ex.retryAfter() != null) ? ex.retryAfter().toMinutes() : 1) + " min";
			default -> (ex.status() == 403)
					? "Spotify refused to write the playlist (403); the user may need to reconnect at "
							+ PlaylistPreferences.RECONNECT_PATH
					: "Spotify could not create the playlist (" + ex.kind().name().toLowerCase(Locale.ROOT)
							+ "); try again later";
		};
	}

	/**
	 * A playlist created from the history.
	 *
	 * @param playlistUrl where to open it
	 * @param playlistId its Spotify id
	 * @param name its name
	 * @param tracks how many tracks it holds
	 * @param window the window the tracks were counted in
	 */
	record CreatedPlaylist(String playlistUrl, String playlistId, String name, int tracks, WindowInfo window) {

	}

}
