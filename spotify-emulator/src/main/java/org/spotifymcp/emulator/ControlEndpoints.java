package org.spotifymcp.emulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The small HTTP control API under {@code /_emulator/} that demos and benchmarks use
 * instead of the Java API: clock, faults, developer apps, users' truth, tokens and
 * playlists, catalog artists.
 */
final class ControlEndpoints {

	private final SpotifyEmulator emulator;

	private final JsonViews json;

	ControlEndpoints(SpotifyEmulator emulator, JsonViews json) {
		this.emulator = emulator;
		this.json = json;
	}

	void handle(HttpCall call) throws IOException {
		String path = call.path().substring("/_emulator/".length());
		String method = call.method();
		try {
			if (path.equals("state") && method.equals("GET")) {
				call.json(200, this.json.write(state()));
			}
			else if (path.equals("clock/advance") && method.equals("POST")) {
				this.emulator.advance(Duration.ofSeconds(Long.parseLong(required(call, "seconds"))));
				call.json(200, this.json.write(state()));
			}
			else if (path.equals("clock/now") && method.equals("POST")) {
				this.emulator.setNow(Instant.parse(required(call, "instant")));
				call.json(200, this.json.write(state()));
			}
			else if (path.equals("faults")) {
				faults(call, method);
			}
			else if (path.equals("apps")) {
				apps(call, method);
			}
			else if (path.startsWith("artists/") && method.equals("POST")) {
				artist(call, path.substring("artists/".length()));
			}
			else if (path.startsWith("users/")) {
				user(call, method, path.substring("users/".length()));
			}
			else {
				call.json(404, this.json.error(404, "unknown control endpoint " + call.path()));
			}
		}
		catch (IllegalArgumentException | java.time.format.DateTimeParseException ex) {
			call.json(400, this.json.error(400, ex.getMessage()));
		}
	}

	private void faults(HttpCall call, String method) throws IOException {
		if (method.equals("POST")) {
			ArrayNode ids = this.json.array();
			for (Fault fault : Fault.parse(call.body())) {
				ids.add(this.emulator.inject(fault));
			}
			ObjectNode body = this.json.object();
			body.set("added", ids);
			call.json(200, this.json.write(body));
		}
		else if (method.equals("DELETE")) {
			this.emulator.clearFaults();
			call.json(200, this.json.write(state()));
		}
		else {
			call.json(200, this.json.write(state()));
		}
	}

	private void apps(HttpCall call, String method) throws IOException {
		if (method.equals("POST")) {
			String maxUsers = call.query("max_users");
			DeveloperApp app = this.emulator.registerApp(new DeveloperApp(required(call, "client_id"),
					required(call, "client_secret"), required(call, "owner"),
					(maxUsers != null) ? Integer.parseInt(maxUsers) : DeveloperApp.DEVELOPMENT_MODE_USERS));
			call.json(201, this.json.write(app(app)));
		}
		else {
			ObjectNode body = this.json.object();
			ArrayNode apps = body.putArray("apps");
			this.emulator.apps().forEach((app) -> apps.add(app(app)));
			call.json(200, this.json.write(body));
		}
	}

	private void artist(HttpCall call, String artistId) throws IOException {
		String genres = call.query("genres");
		List<String> list = (genres == null || genres.isBlank()) ? List.of()
				: java.util.Arrays.stream(genres.split(",")).map(String::trim).filter((g) -> !g.isEmpty()).toList();
		boolean images = !"false".equalsIgnoreCase(call.query("images"));
		Catalog.Artist changed = this.emulator.changeArtist(artistId, list, images);
		ObjectNode body = this.json.object();
		body.put("id", changed.id());
		ArrayNode genreList = body.putArray("genres");
		changed.genres().forEach(genreList::add);
		body.put("images", changed.hasImages());
		call.json(200, this.json.write(body));
	}

	private void user(HttpCall call, String method, String rest) throws IOException {
		String[] parts = rest.split("/", 2);
		String userId = parts[0];
		String action = (parts.length > 1) ? parts[1] : "";
		if (this.emulator.user(userId).isEmpty()) {
			call.json(404, this.json.error(404, "unknown emulator user " + userId));
			return;
		}
		if (action.equals("plays") && method.equals("GET")) {
			Instant from = (call.query("from") != null) ? Instant.parse(call.query("from")) : Instant.EPOCH;
			Instant to = (call.query("to") != null) ? Instant.parse(call.query("to")) : this.emulator.now();
			call.json(200, this.json.write(plays(this.emulator.plays(userId, from, to))));
		}
		else if (action.equals("plays") && method.equals("POST")) {
			int count = Integer.parseInt(required(call, "count"));
			Duration spacing = Duration.ofSeconds(
					Long.parseLong((call.query("spacing_seconds") != null) ? call.query("spacing_seconds") : "180"));
			Instant first = this.emulator.now().minus(spacing.multipliedBy(Math.max(0, count - 1)));
			call.json(200, this.json.write(plays(this.emulator.appendPlays(userId, first, count, spacing))));
		}
		else if (action.equals("playlists") && method.equals("GET")) {
			call.json(200, this.json.write(playlists(this.emulator.playlistsOwnedBy(userId))));
		}
		else if (action.startsWith("playlists/") && method.equals("DELETE")) {
			// the listener deletes the playlist in their Spotify app: they unfollow it;
			// gone=true removes it altogether, so the Web API answers 404 for it
			String playlistId = action.substring("playlists/".length());
			if ("true".equals(call.query("gone"))) {
				this.emulator.removePlaylist(playlistId);
			}
			else {
				this.emulator.unfollowPlaylist(userId, playlistId);
			}
			call.json(200, this.json.write(playlists(this.emulator.playlistsOwnedBy(userId))));
		}
		else if (action.equals("tokens") && method.equals("POST")) {
			String clientId = (call.query("client_id") != null) ? call.query("client_id")
					: this.emulator.settings().clientId();
			String scope = (call.query("scope") != null) ? call.query("scope") : SpotifyEmulator.DEFAULT_SCOPE;
			IssuedTokens issued = this.emulator.issueTokens(userId, clientId, scope);
			ObjectNode body = this.json.object();
			body.put("access_token", issued.accessToken());
			body.put("refresh_token", issued.refreshToken());
			body.put("expires_in", issued.expiresIn().toSeconds());
			call.json(200, this.json.write(body));
		}
		else if (action.equals("revoke") && method.equals("POST")) {
			ObjectNode body = this.json.object();
			body.put("revoked", this.emulator.revokeRefreshTokens(userId));
			call.json(200, this.json.write(body));
		}
		else {
			call.json(404, this.json.error(404, "unknown control endpoint " + call.path()));
		}
	}

	private ObjectNode state() {
		ObjectNode state = this.json.object();
		state.put("now", this.emulator.now().toString());
		state.put("clock", this.emulator.clock().isTicking() ? "ticking" : "frozen");
		state.put("users", this.emulator.timelines().userCount());
		ArrayNode faults = state.putArray("faults");
		this.emulator.activeFaults().forEach((fault) -> faults.add(fault.describe()));
		state.put("faultHits", this.emulator.faultHits());
		ArrayNode rules = state.putArray("faultRules");
		this.emulator.faultHitsByRule()
			.forEach((rule) -> rules.addObject()
				.put("id", rule.id())
				.put("rule", rule.fault().describe())
				.put("hits", rule.hits()));
		ArrayNode apps = state.putArray("apps");
		this.emulator.apps().forEach((app) -> apps.add(app(app)));
		ArrayNode consents = state.putArray("consents");
		for (Consent consent : this.emulator.consents()) {
			consents.addObject()
				.put("user", consent.userId())
				.put("client_id", consent.clientId())
				.put("consented_at", consent.consentedAt().toString())
				.put("refresh_expires_at", consent.refreshExpiresAt().toString());
		}
		ObjectNode requests = state.putObject("requests");
		this.emulator.requestCounts().forEach((path, count) -> requests.put(path, count.get()));
		return state;
	}

	/** An app without its secret: the state page is no place for credentials. */
	private ObjectNode app(DeveloperApp app) {
		ObjectNode node = this.json.object();
		node.put("client_id", app.clientId());
		node.put("owner", app.owner());
		node.put("max_users", app.maxUsers());
		ArrayNode users = node.putArray("users");
		this.emulator.appUsers(app.clientId()).forEach(users::add);
		node.put("api_calls", this.emulator.apiCalls(app.clientId()));
		node.put("quota_exceeded", this.emulator.quotaExceededCalls(app.clientId()));
		return node;
	}

	private ObjectNode playlists(List<EmulatedPlaylist> playlists) {
		ObjectNode body = this.json.object();
		ArrayNode list = body.putArray("playlists");
		for (EmulatedPlaylist playlist : playlists) {
			ObjectNode node = list.addObject();
			node.put("id", playlist.id());
			node.put("uri", playlist.uri());
			node.put("name", playlist.name());
			node.put("description", playlist.description());
			node.put("public", playlist.isPublic());
			node.put("followed_by_owner", playlist.followedByOwner());
			node.put("created_at", playlist.createdAt().toString());
			node.put("snapshot_id", JsonViews.snapshotId(playlist));
			ArrayNode items = node.putArray("items");
			for (EmulatedPlaylist.Item item : playlist.items()) {
				items.addObject()
					.put("track_id", item.trackId())
					.put("added_at", item.addedAt().toString())
					.put("track_name",
							this.emulator.catalog().track(item.trackId()).map(Catalog.Track::name).orElse(""));
			}
		}
		return body;
	}

	private ObjectNode plays(List<EmulatedPlay> plays) {
		ObjectNode body = this.json.object();
		body.put("count", plays.size());
		ArrayNode items = body.putArray("plays");
		for (EmulatedPlay play : plays) {
			items.addObject()
				.put("played_at", JsonViews.playedAt(play.playedAt()))
				.put("track_id", play.trackId())
				.put("track_name", play.track().name())
				.put("artist_name", play.track().artist().name());
		}
		return body;
	}

	private static String required(HttpCall call, String name) {
		String value = call.query(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("query parameter " + name + " is required");
		}
		return value;
	}

}
