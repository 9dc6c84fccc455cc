package org.spotifymcp.api.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.spotifymcp.shared.spotify.Paging;
import org.spotifymcp.shared.spotify.SearchResults;
import org.spotifymcp.shared.spotify.SearchType;
import org.spotifymcp.shared.spotify.SpotifyAlbum;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyArtist;
import org.spotifymcp.shared.spotify.SpotifyArtistRef;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyTrack;
import org.spotifymcp.shared.spotify.SpotifyUserApi;
import org.spotifymcp.shared.spotify.TimeRange;

/**
 * Live Spotify tools: the user's top artists or tracks as Spotify computes them, and
 * catalog search (at most 10 results, the development-mode limit). They call the Web API
 * with the user's stored login.
 */
class SpotifyLiveTools implements McpToolSource {

	private static final int DEFAULT_LIMIT = 10;

	private final SpotifyClient spotify;

	SpotifyLiveTools(SpotifyClient spotify) {
		this.spotify = spotify;
	}

	@Override
	public List<McpTool> tools() {
		Map<String, Object> top = new LinkedHashMap<>();
		top.put("type", Map.of("type", "string", "enum", List.of("artists", "tracks")));
		top.put("time_range", Map.of("type", "string", "enum", List.of("short_term", "medium_term", "long_term"),
				"default", "medium_term", "description", "about 4 weeks, 6 months or 1 year, as Spotify defines them"));
		top.put("limit", Map.of("type", "integer", "minimum", 1, "maximum", SpotifyUserApi.TOP_MAX_LIMIT, "default",
				DEFAULT_LIMIT));
		Map<String, Object> search = new LinkedHashMap<>();
		search.put("query", Map.of("type", "string", "minLength", 1, "maxLength", 200));
		search.put("type", Map.of("type", "string", "enum", List.of("track", "artist", "album"), "default", "track"));
		search.put("limit",
				Map.of("type", "integer", "minimum", 1, "maximum", SpotifyUserApi.SEARCH_MAX_LIMIT, "default", 5));
		return List.of(
				McpToolCatalog.tool("spotify.get_top", "Spotify top artists or tracks",
						"The user's top artists or tracks, live from Spotify.",
						McpToolCatalog.schema(Map.of(), top, "type"), LiveItems.class, this::getTop,
						(r) -> ((LiveItems) r).items().size() + " " + ((LiveItems) r).kind() + " from Spotify"),
				McpToolCatalog.tool("spotify.search", "Search Spotify",
						"Search Spotify's catalog (at most 10 results).",
						McpToolCatalog.schema(Map.of(), search, "query"), LiveItems.class, this::search,
						(r) -> ((LiveItems) r).items().size() + " " + ((LiveItems) r).kind() + " found on Spotify"));
	}

	private LiveItems getTop(int userId, ToolArguments args) {
		String type = required(args, "type", List.of("artists", "tracks"));
		String range = choice(args, "time_range", List.of("short_term", "medium_term", "long_term"), "medium_term");
		int limit = bounded(args, SpotifyUserApi.TOP_MAX_LIMIT, DEFAULT_LIMIT);
		TimeRange timeRange = TimeRange.valueOf(range.toUpperCase(Locale.ROOT));
		return live(() -> {
			SpotifyUserApi api = this.spotify.forUser(userId, new SpotifyCallStats());
			if ("artists".equals(type)) {
				return new LiveItems(type, range, null, artists(api.topArtists(timeRange, limit, 0)));
			}
			return new LiveItems(type, range, null, tracks(api.topTracks(timeRange, limit, 0)));
		});
	}

	private LiveItems search(int userId, ToolArguments args) {
		String query = args.string("query");
		if (query == null || query.isBlank() || query.length() > 200) {
			throw new McpToolException("query must be 1 to 200 characters");
		}
		String type = choice(args, "type", List.of("track", "artist", "album"), "track");
		int limit = bounded(args, SpotifyUserApi.SEARCH_MAX_LIMIT, 5);
		return live(() -> {
			SearchResults results = this.spotify.forUser(userId, new SpotifyCallStats())
				.search(query.trim(), Set.of(SearchType.valueOf(type.toUpperCase(Locale.ROOT))), limit, 0);
			List<LiveItem> items = switch (type) {
				case "artist" -> artists(results.artists());
				case "album" -> albums(results.albums());
				default -> tracks(results.tracks());
			};
			return new LiveItems(type + "s", null, query.trim(), items);
		});
	}

	private static LiveItems live(java.util.function.Supplier<LiveItems> call) {
		try {
			return call.get();
		}
		catch (SpotifyApiException ex) {
			if (ex.kind() == SpotifyApiException.Kind.REAUTH_REQUIRED
					|| ex.kind() == SpotifyApiException.Kind.UNAUTHORIZED) {
				throw new McpToolException(
						"no valid Spotify login for this user; they need to log in (again) at /auth/login");
			}
			if (ex.kind() == SpotifyApiException.Kind.APP_PAUSED && ex.retryAfter() != null) {
				throw new McpToolException("Spotify's quota for this app is used up; live Spotify tools work again in "
						+ Math.max(1, ex.retryAfter().toMinutes()) + " min (the stored history tools work meanwhile)");
			}
			throw new McpToolException(
					"Spotify could not answer (" + ex.kind().name().toLowerCase(Locale.ROOT) + "); try again later");
		}
		catch (IllegalStateException ex) {
			throw new McpToolException("no valid Spotify login for this user; they need to log in at /auth/login");
		}
	}

	private static List<LiveItem> tracks(Paging<SpotifyTrack> page) {
		return (page == null) ? List.of()
				: page.items()
					.stream()
					.map((t) -> new LiveItem(t.id(), t.name(), names(t.artists()),
							(t.album() != null) ? t.album().name() : null, null, null))
					.toList();
	}

	private static List<LiveItem> artists(Paging<SpotifyArtist> page) {
		return (page == null) ? List.of()
				: page.items()
					.stream()
					.map((a) -> new LiveItem(a.id(), a.name(), null, null, a.genres(), !a.genres().isEmpty()))
					.toList();
	}

	private static List<LiveItem> albums(Paging<SpotifyAlbum> page) {
		return (page == null) ? List.of()
				: page.items()
					.stream()
					.map((a) -> new LiveItem(a.id(), a.name(), names(a.artists()), null, null, null))
					.toList();
	}

	private static String names(List<SpotifyArtistRef> artists) {
		return (artists == null) ? null
				: artists.stream().map(SpotifyArtistRef::name).collect(Collectors.joining(", "));
	}

	private static String required(ToolArguments args, String name, List<String> allowed) {
		if (!args.has(name)) {
			throw new McpToolException(name + " is required: one of " + allowed);
		}
		return choice(args, name, allowed, null);
	}

	private static String choice(ToolArguments args, String name, List<String> allowed, String defaultValue) {
		String value = args.string(name);
		if (value == null) {
			return defaultValue;
		}
		if (!allowed.contains(value)) {
			throw new McpToolException(name + " must be one of " + allowed + ", got '" + value + "'");
		}
		return value;
	}

	private static int bounded(ToolArguments args, int max, int defaultValue) {
		int limit = args.integer("limit", defaultValue);
		if (limit < 1 || limit > max) {
			throw new McpToolException("limit must be between 1 and " + max + ", got " + limit);
		}
		return limit;
	}

	/**
	 * Live items from Spotify.
	 *
	 * @param kind artists, tracks or albums
	 * @param timeRange for top items: short_term, medium_term or long_term
	 * @param query for searches: the text searched
	 * @param items the items, in Spotify's order
	 */
	record LiveItems(String kind, String timeRange, String query, List<LiveItem> items) {

	}

	/**
	 * One artist, track or album.
	 *
	 * @param spotifyId Spotify id
	 * @param name name
	 * @param artists for tracks and albums: artist names
	 * @param album for tracks: album name
	 * @param genres for artists: genres (empty when Spotify gave none)
	 * @param genresAvailable for artists: false when Spotify gave no genres (since 2026
	 * it often leaves them out), so an empty list does not mean the artist has none
	 */
	record LiveItem(String spotifyId, String name, String artists, String album, List<String> genres,
			Boolean genresAvailable) {

	}

}
