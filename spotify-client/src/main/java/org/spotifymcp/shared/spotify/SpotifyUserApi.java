package org.spotifymcp.shared.spotify;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Web API as one user sees it. Obtain one from {@link SpotifyClient}; every call
 * handles token refresh, retries and counting by itself, and throws
 * {@link SpotifyApiException} when it finally fails.
 */
public final class SpotifyUserApi {

	/** Spotify shows at most this many recent plays. */
	public static final int RECENTLY_PLAYED_MAX_LIMIT = 50;

	/** Development-mode apps may ask for at most this many search results. */
	public static final int SEARCH_MAX_LIMIT = 10;

	/** Top items come in pages of at most 50. */
	public static final int TOP_MAX_LIMIT = 50;

	/** One replace or add of playlist items carries at most 100 URIs. */
	public static final int PLAYLIST_ITEMS_MAX = 100;

	private final String apiBaseUrl;

	private final SpotifyHttp http;

	private final SpotifyRetries retries;

	private final AccessTokens tokens;

	private final SpotifyCallStats stats;

	private final AppGate gate;

	SpotifyUserApi(String apiBaseUrl, SpotifyHttp http, SpotifyRetries retries, AccessTokens tokens,
			SpotifyCallStats stats, AppGate gate) {
		this.apiBaseUrl = SpotifyAccounts.trimSlash(apiBaseUrl);
		this.http = http;
		this.retries = retries;
		this.tokens = tokens;
		this.stats = stats;
		this.gate = gate;
	}

	/** {@code GET /v1/me}. */
	public SpotifyUser me() {
		return get("me", uri("/v1/me"), new TypeReference<SpotifyUser>() {
		});
	}

	/**
	 * {@code GET /v1/me/player/recently-played}.
	 * @param limit 1..50
	 * @param after only plays after this instant (exclusive), or {@code null}
	 * @param before only plays before this instant (exclusive), or {@code null}; not
	 * together with {@code after}
	 * @return the page, newest play first
	 */
	public RecentlyPlayed recentlyPlayed(int limit, Instant after, Instant before) {
		requireRange("limit", limit, 1, RECENTLY_PLAYED_MAX_LIMIT);
		if (after != null && before != null) {
			throw new IllegalArgumentException("Spotify accepts only one of after and before");
		}
		UriComponentsBuilder uri = builder("/v1/me/player/recently-played").queryParam("limit", limit);
		if (after != null) {
			uri.queryParam("after", after.toEpochMilli());
		}
		if (before != null) {
			uri.queryParam("before", before.toEpochMilli());
		}
		return get("recently-played", uri.build().toUri(), new TypeReference<RecentlyPlayed>() {
		});
	}

	/** {@code GET /v1/me/top/artists}; limit 1..50. */
	public Paging<SpotifyArtist> topArtists(TimeRange range, int limit, int offset) {
		return get("top-artists", top("artists", range, limit, offset), new TypeReference<Paging<SpotifyArtist>>() {
		});
	}

	/** {@code GET /v1/me/top/tracks}; limit 1..50. */
	public Paging<SpotifyTrack> topTracks(TimeRange range, int limit, int offset) {
		return get("top-tracks", top("tracks", range, limit, offset), new TypeReference<Paging<SpotifyTrack>>() {
		});
	}

	/**
	 * {@code GET /v1/search}.
	 * @param query the search text
	 * @param types what to look for
	 * @param limit 1..10 (the development-mode maximum)
	 * @param offset 0..1000
	 * @return one paging object per type
	 */
	public SearchResults search(String query, Set<SearchType> types, int limit, int offset) {
		if (query == null || query.isBlank()) {
			throw new IllegalArgumentException("search query must not be blank");
		}
		if (types == null || types.isEmpty()) {
			throw new IllegalArgumentException("search needs at least one type");
		}
		requireRange("limit", limit, 1, SEARCH_MAX_LIMIT);
		requireRange("offset", offset, 0, 1000);
		URI uri = builder("/v1/search").queryParam("q", query)
			.queryParam("type", types.stream().map(SearchType::parameter).sorted().collect(Collectors.joining(",")))
			.queryParam("limit", limit)
			.queryParam("offset", offset)
			.encode()
			.build()
			.toUri();
		return get("search", uri, new TypeReference<SearchResults>() {
		});
	}

	/** {@code GET /v1/tracks/{id}}. */
	public SpotifyTrack track(String id) {
		return get("track", builder("/v1/tracks/{id}").buildAndExpand(requireId(id)).encode().toUri(),
				new TypeReference<SpotifyTrack>() {
				});
	}

	/** {@code GET /v1/artists/{id}}. */
	public SpotifyArtist artist(String id) {
		return get("artist", builder("/v1/artists/{id}").buildAndExpand(requireId(id)).encode().toUri(),
				new TypeReference<SpotifyArtist>() {
				});
	}

	/**
	 * {@code POST /v1/me/playlists}: a new playlist of the current user. Never retried
	 * after a timeout or server error, since Spotify may have created it already; the
	 * caller decides what to do.
	 * @param name the name
	 * @param description the description, may be null
	 * @param isPublic whether others may see it
	 * @return the created playlist
	 */
	public SpotifyPlaylist createPlaylist(String name, String description, boolean isPublic) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a playlist needs a name");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("public", isPublic);
		if (description != null) {
			body.put("description", description);
		}
		return once("create-playlist", HttpMethod.POST, uri("/v1/me/playlists"), body,
				new TypeReference<SpotifyPlaylist>() {
				});
	}

	/**
	 * {@code PUT /v1/playlists/{id}/items}: replaces every item of a playlist the user
	 * owns (retried like reads: the same request twice leaves the same playlist).
	 * @param playlistId the playlist
	 * @param trackUris {@code spotify:track:…} URIs, at most 100
	 * @return the playlist's new snapshot id
	 */
	public String replacePlaylistItems(String playlistId, List<String> trackUris) {
		if (trackUris.size() > PLAYLIST_ITEMS_MAX) {
			throw new IllegalArgumentException(
					"Spotify replaces at most " + PLAYLIST_ITEMS_MAX + " items per call, not " + trackUris.size());
		}
		URI uri = builder("/v1/playlists/{id}/items").buildAndExpand(requireId(playlistId)).encode().toUri();
		SnapshotAnswer answer = this.retries.call("replace-playlist-items", this.stats,
				() -> authorized((token) -> this.http.send("replace-playlist-items", HttpMethod.PUT, uri, token,
						Map.of("uris", trackUris), new TypeReference<SnapshotAnswer>() {
						})));
		return answer.snapshotId();
	}

	/**
	 * {@code GET /v1/playlists/{id}/followers/contains}: whether the current user still
	 * follows a playlist; a listener who deletes their own playlist in Spotify unfollows
	 * it, while the playlist itself lives on.
	 * @param playlistId the playlist
	 * @param spotifyUserId the current user's Spotify id (only they may be asked about)
	 * @return whether they follow it
	 */
	public boolean followsPlaylist(String playlistId, String spotifyUserId) {
		UriComponentsBuilder builder = builder("/v1/playlists/{id}/followers/contains");
		if (spotifyUserId != null) {
			builder.queryParam("ids", spotifyUserId);
		}
		List<Boolean> answer = get("playlist-followers", builder.buildAndExpand(requireId(playlistId)).encode().toUri(),
				new TypeReference<List<Boolean>>() {
				});
		return !answer.isEmpty() && Boolean.TRUE.equals(answer.get(0));
	}

	public SpotifyCallStats stats() {
		return this.stats;
	}

	private URI top(String type, TimeRange range, int limit, int offset) {
		requireRange("limit", limit, 1, TOP_MAX_LIMIT);
		requireRange("offset", offset, 0, 10_000);
		return builder("/v1/me/top/" + type).queryParam("time_range", range.parameter())
			.queryParam("limit", limit)
			.queryParam("offset", offset)
			.build()
			.toUri();
	}

	/** A write sent once: a 401 still gets one refresh, nothing else is retried. */
	private <T> T once(String endpoint, HttpMethod method, URI uri, Object body, TypeReference<T> type) {
		return authorized((token) -> this.http.send(endpoint, method, uri, token, body, type));
	}

	/**
	 * Sends with the current token; a 401 gets one token refresh and one more try. A
	 * paused app fails before anything is sent, and a quota answer pauses the app.
	 */
	private <T> T authorized(java.util.function.Function<String, T> exchange) {
		this.gate.check();
		String token = this.tokens.current();
		try {
			this.stats.request();
			return exchange.apply(token);
		}
		catch (SpotifyApiException ex) {
			if (ex.kind() != SpotifyApiException.Kind.UNAUTHORIZED) {
				throw this.gate.failed(ex);
			}
			String fresh = this.tokens.afterRejection(token);
			this.stats.request();
			try {
				return exchange.apply(fresh);
			}
			catch (SpotifyApiException again) {
				throw this.gate.failed(again);
			}
		}
	}

	/**
	 * One call: retried per policy; a 401 gets one token refresh and one more try. A
	 * paused app fails before anything is sent, and a quota answer pauses the app instead
	 * of being retried.
	 */
	private <T> T get(String endpoint, URI uri, TypeReference<T> type) {
		return this.retries.call(endpoint, this.stats,
				() -> authorized((token) -> this.http.get(endpoint, uri, token, type)));
	}

	private URI uri(String path) {
		return URI.create(this.apiBaseUrl + path);
	}

	private UriComponentsBuilder builder(String path) {
		return UriComponentsBuilder.fromUriString(this.apiBaseUrl + path);
	}

	/** The body of a playlist change. */
	private record SnapshotAnswer(String snapshotId) {

	}

	private static String requireId(String id) {
		if (id == null || !id.matches("[0-9A-Za-z]{22}")) {
			throw new IllegalArgumentException("not a Spotify id: " + id);
		}
		return id;
	}

	private static void requireRange(String name, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", not " + value);
		}
	}

}
