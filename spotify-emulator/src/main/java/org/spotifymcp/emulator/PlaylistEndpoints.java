package org.spotifymcp.emulator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Playlists with the 2026 development-mode rules: created with {@code POST /me/playlists}
 * only, contents under {@code /playlists/{id}/items} with entries that say {@code item}
 * (the {@code /tracks} paths answer 403), only the owner may change or read the contents,
 * and every write needs the {@code playlist-modify-public} or
 * {@code playlist-modify-private} scope that fits the playlist. A user "deletes" a
 * playlist by unfollowing it; it then drops out of {@code GET /me/playlists} and
 * {@code followers/contains} says {@code false}, while the owner can still read it by id.
 */
final class PlaylistEndpoints {

	/** Most URIs one add or replace may carry. */
	static final int MAX_URIS = 100;

	static final String MODIFY_PUBLIC = "playlist-modify-public";

	static final String MODIFY_PRIVATE = "playlist-modify-private";

	static final String READ_PRIVATE = "playlist-read-private";

	private static final String TRACK_URI = "spotify:track:";

	private final SpotifyEmulator emulator;

	private final JsonViews json;

	private final JsonMapper mapper = JsonMapper.builder().build();

	PlaylistEndpoints(SpotifyEmulator emulator, JsonViews json) {
		this.emulator = emulator;
		this.json = json;
	}

	/**
	 * Answers a {@code /v1/me/playlists} or {@code /v1/playlists/…} call; false if
	 * unknown.
	 */
	boolean handle(HttpCall call, TokenRegistry.Access access, FakeUser user) throws IOException {
		String path = call.path();
		String method = call.method();
		if (path.equals("/v1/me/playlists")) {
			if (method.equals("GET")) {
				mine(call, access, user);
			}
			else if (method.equals("POST")) {
				create(call, access, user);
			}
			else {
				notAllowed(call);
			}
			return true;
		}
		if (!path.startsWith("/v1/playlists/")) {
			return false;
		}
		String[] parts = path.substring("/v1/playlists/".length()).split("/", 2);
		String rest = (parts.length > 1) ? parts[1] : "";
		if (rest.equals("tracks")) {
			// renamed to /items in February 2026; the old paths answer 403
			call.json(403, this.json.error(403, "Forbidden"));
			return true;
		}
		if (!Catalog.isSpotifyId(parts[0])) {
			call.json(400, this.json.error(400, "Invalid base62 id"));
			return true;
		}
		Optional<EmulatedPlaylist> found = this.emulator.playlists().find(parts[0]);
		if (found.isEmpty()) {
			call.json(404, this.json.error(404, "Not found."));
			return true;
		}
		EmulatedPlaylist playlist = found.get();
		switch (rest) {
			case "" -> {
				if (method.equals("GET")) {
					call.json(200, this.json.write(playlistObject(playlist, user)));
				}
				else {
					notAllowed(call);
				}
			}
			case "items" -> items(call, method, access, user, playlist);
			case "followers" -> follow(call, method, access, user, playlist);
			case "followers/contains" -> {
				if (method.equals("GET")) {
					followsContains(call, user, playlist);
				}
				else {
					notAllowed(call);
				}
			}
			default -> {
				return false;
			}
		}
		return true;
	}

	private void mine(HttpCall call, TokenRegistry.Access access, FakeUser user) throws IOException {
		Integer limit = WebApiEndpoints.intParameter(call, this.json, "limit", 20, 1, 50);
		Integer offset = (limit != null) ? WebApiEndpoints.intParameter(call, this.json, "offset", 0, 0, 100_000)
				: null;
		if (limit == null || offset == null) {
			return;
		}
		boolean readPrivate = access.hasScope(READ_PRIVATE);
		List<ObjectNode> all = new ArrayList<>();
		for (EmulatedPlaylist playlist : this.emulator.playlists().followedBy(user.id())) {
			if (playlist.isPublic() || readPrivate) {
				all.add(this.json.playlist(playlist, displayName(playlist.owner()), null));
			}
		}
		call.json(200,
				this.json.write(this.json.paging(this.emulator.apiBaseUrl() + "/v1/me/playlists", all, limit, offset)));
	}

	private void create(HttpCall call, TokenRegistry.Access access, FakeUser user) throws IOException {
		JsonNode body = jsonBody(call);
		if (body == null) {
			return;
		}
		JsonNode name = body.get("name");
		if (name == null || !name.isString() || name.asString().isBlank()) {
			call.json(400, this.json.error(400, "Missing required field: name"));
			return;
		}
		boolean isPublic = !body.has("public") || body.get("public").asBoolean();
		if (!access.hasScope(isPublic ? MODIFY_PUBLIC : MODIFY_PRIVATE)) {
			insufficientScope(call);
			return;
		}
		String description = body.has("description") ? body.get("description").asString() : "";
		EmulatedPlaylist created = this.emulator.playlists().create(user.id(), name.asString(), description, isPublic);
		call.json(201, this.json.write(playlistObject(created, user)));
	}

	private ObjectNode playlistObject(EmulatedPlaylist playlist, FakeUser user) {
		ObjectNode itemsPage = playlist.owner().equals(user.id())
				? itemsPage(playlist, this.emulator.apiBaseUrl() + "/v1/playlists/" + playlist.id() + "/items", 100, 0)
				: null;
		return this.json.playlist(playlist, displayName(playlist.owner()), itemsPage);
	}

	private void items(HttpCall call, String method, TokenRegistry.Access access, FakeUser user,
			EmulatedPlaylist playlist) throws IOException {
		if (method.equals("GET")) {
			if (!playlist.owner().equals(user.id())) {
				call.json(403, this.json.error(403, "Forbidden"));
				return;
			}
			Integer limit = WebApiEndpoints.intParameter(call, this.json, "limit", 20, 1, 50);
			Integer offset = (limit != null) ? WebApiEndpoints.intParameter(call, this.json, "offset", 0, 0, 100_000)
					: null;
			if (limit == null || offset == null) {
				return;
			}
			String base = this.emulator.apiBaseUrl() + "/v1/playlists/" + playlist.id() + "/items";
			call.json(200, this.json.write(itemsPage(playlist, base, limit, offset)));
			return;
		}
		if (!method.equals("PUT") && !method.equals("POST")) {
			notAllowed(call);
			return;
		}
		if (!mayModify(call, access, user, playlist)) {
			return;
		}
		JsonNode body = call.body().isBlank() ? this.mapper.createObjectNode() : jsonBody(call);
		if (body == null) {
			return;
		}
		List<String> uris = uris(call, body);
		if (uris.size() > MAX_URIS) {
			call.json(400, this.json.error(400, "Too many items: at most " + MAX_URIS + " per request"));
			return;
		}
		List<EmulatedPlaylist.Item> items = new ArrayList<>();
		Instant now = this.emulator.now();
		for (String uri : uris) {
			if (!uri.startsWith(TRACK_URI) || !Catalog.isSpotifyId(uri.substring(TRACK_URI.length()))) {
				call.json(400, this.json.error(400, "Invalid track uri: " + uri));
				return;
			}
			String trackId = uri.substring(TRACK_URI.length());
			if (this.emulator.catalog().track(trackId).isEmpty()) {
				call.json(400, this.json.error(400, "Payload contains a non-existing ID"));
				return;
			}
			items.add(new EmulatedPlaylist.Item(trackId, now, user.id()));
		}
		EmulatedPlaylist changed;
		if (method.equals("PUT")) {
			changed = this.emulator.playlists().replaceItems(playlist.id(), items);
		}
		else {
			Integer position = body.has("position") ? body.get("position").asInt() : null;
			if (position != null && position < 0) {
				call.json(400, this.json.error(400, "Invalid position"));
				return;
			}
			changed = this.emulator.playlists().addItems(playlist.id(), items, position);
		}
		ObjectNode answer = this.json.object();
		answer.put("snapshot_id", JsonViews.snapshotId(changed));
		call.json(method.equals("PUT") ? 200 : 201, this.json.write(answer));
	}

	private void follow(HttpCall call, String method, TokenRegistry.Access access, FakeUser user,
			EmulatedPlaylist playlist) throws IOException {
		if (!method.equals("PUT") && !method.equals("DELETE")) {
			notAllowed(call);
			return;
		}
		if (!access.hasScope(playlist.isPublic() ? MODIFY_PUBLIC : MODIFY_PRIVATE)) {
			insufficientScope(call);
			return;
		}
		this.emulator.playlists().follow(playlist.id(), user.id(), method.equals("PUT"));
		call.send(200, "application/json; charset=utf-8", "");
	}

	private void followsContains(HttpCall call, FakeUser user, EmulatedPlaylist playlist) throws IOException {
		String ids = call.query("ids");
		List<String> asked = (ids == null || ids.isBlank()) ? List.of(user.id()) : List.of(ids.split(","));
		if (asked.size() > 1 || !asked.get(0).trim().equals(user.id())) {
			// since February 2026 only the current user can be asked about
			call.json(403, this.json.error(403, "Forbidden"));
			return;
		}
		ArrayNode answer = this.json.array();
		answer.add(playlist.followers().contains(user.id()));
		call.json(200, this.json.write(answer));
	}

	private boolean mayModify(HttpCall call, TokenRegistry.Access access, FakeUser user, EmulatedPlaylist playlist)
			throws IOException {
		if (!access.hasScope(playlist.isPublic() ? MODIFY_PUBLIC : MODIFY_PRIVATE)) {
			insufficientScope(call);
			return false;
		}
		if (!playlist.owner().equals(user.id())) {
			call.json(403, this.json.error(403, "You cannot add tracks to a playlist you don't own."));
			return false;
		}
		return true;
	}

	private List<String> uris(HttpCall call, JsonNode body) {
		List<String> uris = new ArrayList<>();
		JsonNode list = body.get("uris");
		if (list != null && list.isArray()) {
			list.forEach((uri) -> uris.add(uri.asString()));
		}
		else if (call.query("uris") != null && !call.query("uris").isBlank()) {
			uris.addAll(List.of(call.query("uris").split(",")));
		}
		return uris;
	}

	private ObjectNode itemsPage(EmulatedPlaylist playlist, String base, int limit, int offset) {
		List<EmulatedPlaylist.Item> all = playlist.items();
		List<ObjectNode> entries = new ArrayList<>();
		for (EmulatedPlaylist.Item item : JsonViews.page(all, limit, offset)) {
			entries.add(this.json.playlistItem(item, this.emulator.catalog().track(item.trackId()).orElseThrow(),
					displayName(item.addedBy())));
		}
		return this.json.paging(base, entries, all.size(), limit, offset);
	}

	private JsonNode jsonBody(HttpCall call) throws IOException {
		try {
			JsonNode body = this.mapper.readTree(call.body());
			if (body != null && body.isObject()) {
				return body;
			}
		}
		catch (JacksonException ex) {
			// answered below like Spotify does
		}
		call.json(400, this.json.error(400, "Error parsing JSON."));
		return null;
	}

	private String displayName(String userId) {
		return this.emulator.user(userId).map(FakeUser::displayName).orElse(userId);
	}

	private void insufficientScope(HttpCall call) throws IOException {
		call.json(403, this.json.error(403, "Insufficient client scope"));
	}

	private void notAllowed(HttpCall call) throws IOException {
		call.json(405, this.json.error(405, "Method not allowed"));
	}

}
