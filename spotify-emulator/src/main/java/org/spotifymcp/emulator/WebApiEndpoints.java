package org.spotifymcp.emulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code api.spotify.com/v1}: the endpoints the project uses, with Spotify's limits and
 * error bodies.
 */
final class WebApiEndpoints {

	/** Spotify remembers only this many recent plays. */
	static final int RECENTLY_PLAYED_MEMORY = 50;

	/** Development-mode apps may ask for at most this many search results. */
	static final int SEARCH_LIMIT_MAX = 10;

	private final SpotifyEmulator emulator;

	private final TokenRegistry tokens;

	/**
	 * Batch lookups Spotify removed for development-mode apps in February 2026 (the
	 * single-id forms stay).
	 */
	static final Set<String> REMOVED = Set.of("/v1/tracks", "/v1/artists", "/v1/albums");

	private final JsonViews json;

	private final PlaylistEndpoints playlists;

	WebApiEndpoints(SpotifyEmulator emulator, TokenRegistry tokens, JsonViews json) {
		this.emulator = emulator;
		this.tokens = tokens;
		this.json = json;
		this.playlists = new PlaylistEndpoints(emulator, json);
	}

	void handle(HttpCall call) throws IOException {
		Optional<TokenRegistry.Access> access = authenticate(call);
		if (access.isEmpty()) {
			return;
		}
		String userId = access.get().userId();
		String clientId = access.get().clientId();
		DeveloperApp app = this.emulator.developerApps().app(clientId).orElse(null);
		FaultInjector.Decision decision = this.emulator.decide(Fault.Target.API,
				new FaultInjector.Caller(userId, clientId, (app != null) ? app.owner() : null), false);
		this.emulator.developerApps()
			.called(clientId,
					decision.failure().filter((fault) -> fault.kind() == Fault.Kind.QUOTA_EXCEEDED).isPresent());
		if (!this.emulator.developerApps().allows(clientId, userId)) {
			// what Spotify answers, as plain text, to a user beyond a development-mode
			// app's allowlist
			call.send(403, "text/plain; charset=utf-8", "User not registered in the Developer Dashboard");
			return;
		}
		if (this.emulator.answerFault(call, decision)) {
			return;
		}
		FakeUser user = this.emulator.user(userId).orElseThrow();
		if (!route(call, access.get(), user)) {
			call.json(404, this.json.error(404, "Service not found"));
		}
	}

	private boolean route(HttpCall call, TokenRegistry.Access access, FakeUser user) throws IOException {
		String path = call.path();
		if (REMOVED.contains(path) || (path.startsWith("/v1/users/") && path.endsWith("/playlists"))) {
			// removed for development-mode apps in February 2026; Spotify answers 403
			call.json(403, this.json.error(403, "Forbidden"));
			return true;
		}
		if (path.startsWith("/v1/me/playlists") || path.startsWith("/v1/playlists/")) {
			return this.playlists.handle(call, access, user);
		}
		if (!"GET".equals(call.method())) {
			call.json(405, this.json.error(405, "Method not allowed"));
			return true;
		}
		if (path.equals("/v1/me")) {
			call.json(200, this.json.write(this.json.user(user)));
		}
		else if (path.equals("/v1/me/player/recently-played")) {
			recentlyPlayed(call, user);
		}
		else if (path.equals("/v1/me/top/tracks") || path.equals("/v1/me/top/artists")) {
			top(call, user, path.endsWith("tracks"));
		}
		else if (path.equals("/v1/search")) {
			search(call);
		}
		else if (path.startsWith("/v1/tracks/")) {
			byId(call, path.substring("/v1/tracks/".length()), this.emulator.catalog()::track, this.json::track);
		}
		else if (path.startsWith("/v1/artists/")) {
			byId(call, path.substring("/v1/artists/".length()), this.emulator.catalog()::artist, this.json::artist);
		}
		else {
			return false;
		}
		return true;
	}

	private Optional<TokenRegistry.Access> authenticate(HttpCall call) throws IOException {
		String header = call.header("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			call.json(401, this.json.error(401, "No token provided"));
			return Optional.empty();
		}
		Optional<TokenRegistry.Access> access = this.tokens.access(header.substring(7).trim());
		if (access.isEmpty()) {
			call.json(401, this.json.error(401, "Invalid access token"));
			return Optional.empty();
		}
		if (!access.get().expiresAt().isAfter(this.emulator.clock().instant())) {
			call.json(401, this.json.error(401, "The access token expired"));
			return Optional.empty();
		}
		return access;
	}

	/**
	 * Spotify's rules: only the newest 50 plays at or before "now" exist; {@code before}
	 * pages back from a millisecond instant (exclusive), {@code after} pages forward (the
	 * plays right after it, exclusive); items are always newest first; {@code cursors}
	 * are the newest ({@code after}) and oldest ({@code before}) {@code played_at} in ms.
	 */
	private void recentlyPlayed(HttpCall call, FakeUser user) throws IOException {
		Integer limit = intParameter(call, this.json, "limit", 20, 1, RECENTLY_PLAYED_MEMORY);
		if (limit == null) {
			return;
		}
		String afterText = call.query("after");
		String beforeText = call.query("before");
		if (afterText != null && beforeText != null) {
			call.json(400, this.json.error(400, "Only one of after or before may be specified"));
			return;
		}
		Long after = millis(call, afterText);
		Long before = millis(call, beforeText);
		if ((afterText != null && after == null) || (beforeText != null && before == null)) {
			return;
		}
		List<EmulatedPlay> visible = this.emulator.timelines()
			.latest(user.id(), this.emulator.clock().instant(), RECENTLY_PLAYED_MEMORY);
		List<EmulatedPlay> page;
		boolean more;
		if (after != null) {
			List<EmulatedPlay> newer = visible.stream()
				.filter((play) -> play.playedAt().toEpochMilli() > after)
				.toList();
			// the plays right after the cursor: the oldest ones of the newer set
			page = newer.subList(Math.max(0, newer.size() - limit), newer.size());
			more = newer.size() > limit;
		}
		else {
			List<EmulatedPlay> older = (before == null) ? visible
					: visible.stream().filter((play) -> play.playedAt().toEpochMilli() < before).toList();
			page = older.subList(0, Math.min(limit, older.size()));
			more = older.size() > limit;
		}
		String base = this.emulator.apiBaseUrl() + "/v1/me/player/recently-played";
		ObjectNode body = this.json.object();
		ArrayNode items = body.putArray("items");
		page.forEach((play) -> items.add(this.json.playHistory(play)));
		if (page.isEmpty()) {
			body.putNull("next");
			body.putNull("cursors");
		}
		else {
			long newest = page.get(0).playedAt().toEpochMilli();
			long oldest = page.get(page.size() - 1).playedAt().toEpochMilli();
			if (more) {
				body.put("next",
						base + ((after != null) ? "?after=" + newest : "?before=" + oldest) + "&limit=" + limit);
			}
			else {
				body.putNull("next");
			}
			body.putObject("cursors").put("after", String.valueOf(newest)).put("before", String.valueOf(oldest));
		}
		body.put("limit", limit);
		body.put("href", base + ((call.rawQuery() != null) ? "?" + call.rawQuery() : ""));
		call.json(200, this.json.write(body));
	}

	private void top(HttpCall call, FakeUser user, boolean tracks) throws IOException {
		Integer limit = intParameter(call, this.json, "limit", 20, 1, 50);
		Integer offset = (limit != null) ? intParameter(call, this.json, "offset", 0, 0, 10_000) : null;
		if (limit == null || offset == null) {
			return;
		}
		String range = Optional.ofNullable(call.query("time_range")).orElse("medium_term");
		Duration window = switch (range) {
			case "short_term" -> Duration.ofDays(28);
			case "medium_term" -> Duration.ofDays(182);
			case "long_term" -> Duration.ofDays(365);
			default -> null;
		};
		if (window == null) {
			call.json(400, this.json.error(400, "Invalid time range"));
			return;
		}
		Instant now = this.emulator.clock().instant();
		Map<Catalog.Track, Integer> trackCounts = this.emulator.timelines()
			.trackCounts(user.id(), now.minus(window), now);
		List<ObjectNode> ranked = new ArrayList<>();
		if (tracks) {
			rank(trackCounts, Catalog.Track::id).forEach((track) -> ranked.add(this.json.track(track)));
		}
		else {
			Map<Catalog.Artist, Integer> artistCounts = new LinkedHashMap<>();
			trackCounts.forEach((track, count) -> artistCounts.merge(track.artist(), count, Integer::sum));
			rank(artistCounts, Catalog.Artist::id).forEach((artist) -> ranked.add(this.json.artist(artist)));
		}
		String base = this.emulator.apiBaseUrl() + call.path() + "?time_range=" + range;
		call.json(200, this.json.write(this.json.paging(base, ranked, limit, offset)));
	}

	private static <T> List<T> rank(Map<T, Integer> counts, Function<T, String> id) {
		List<Map.Entry<T, Integer>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(Comparator.<Map.Entry<T, Integer>>comparingInt(Map.Entry::getValue)
			.reversed()
			.thenComparing((entry) -> id.apply(entry.getKey())));
		return entries.stream().map(Map.Entry::getKey).toList();
	}

	private void search(HttpCall call) throws IOException {
		String q = call.query("q");
		String type = call.query("type");
		if (q == null || q.isBlank()) {
			call.json(400, this.json.error(400, "No search query"));
			return;
		}
		if (type == null || type.isBlank()) {
			call.json(400, this.json.error(400, "Missing parameter type"));
			return;
		}
		Integer limit = intParameter(call, this.json, "limit", 10, 1, SEARCH_LIMIT_MAX);
		Integer offset = (limit != null) ? intParameter(call, this.json, "offset", 0, 0, 1000) : null;
		if (limit == null || offset == null) {
			return;
		}
		String needle = q.toLowerCase(Locale.ROOT).trim();
		ObjectNode body = this.json.object();
		for (String kind : type.split(",")) {
			String base = this.emulator.apiBaseUrl() + "/v1/search?q=" + HttpCall.encode(q) + "&type=" + kind;
			List<ObjectNode> found = new ArrayList<>();
			switch (kind.trim()) {
				case "track" -> this.emulator.catalog()
					.tracks()
					.stream()
					.filter((track) -> matches(needle, track.name(), track.artist().name()))
					.forEach((track) -> found.add(this.json.track(track)));
				case "artist" -> this.emulator.catalog()
					.artists()
					.stream()
					.filter((artist) -> matches(needle, artist.name()))
					.forEach((artist) -> found.add(this.json.artist(artist)));
				case "album" -> this.emulator.catalog()
					.albums()
					.stream()
					.filter((album) -> matches(needle, album.name(), album.artist().name()))
					.forEach((album) -> found.add(this.json.album(album)));
				default -> {
					call.json(400, this.json.error(400, "Bad search type field " + kind));
					return;
				}
			}
			body.set(kind.trim() + "s", this.json.paging(base, found, limit, offset));
		}
		call.json(200, this.json.write(body));
	}

	private static boolean matches(String needle, String... names) {
		for (String name : names) {
			if (name.toLowerCase(Locale.ROOT).contains(needle)) {
				return true;
			}
		}
		return false;
	}

	private <T> void byId(HttpCall call, String id, Function<String, Optional<T>> lookup, Function<T, ObjectNode> view)
			throws IOException {
		if (!Catalog.isSpotifyId(id)) {
			call.json(400, this.json.error(400, "Invalid base62 id"));
			return;
		}
		Optional<T> found = lookup.apply(id);
		if (found.isEmpty()) {
			call.json(404, this.json.error(404, "Resource not found"));
			return;
		}
		call.json(200, this.json.write(view.apply(found.get())));
	}

	static Integer intParameter(HttpCall call, JsonViews json, String name, int defaultValue, int min, int max)
			throws IOException {
		String text = call.query(name);
		if (text == null) {
			return defaultValue;
		}
		try {
			int value = Integer.parseInt(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below like Spotify does
		}
		call.json(400, json.error(400, "Invalid " + name));
		return null;
	}

	private Long millis(HttpCall call, String text) throws IOException {
		if (text == null) {
			return null;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			call.json(400, this.json.error(400, "Invalid cursor"));
			return null;
		}
	}

}
