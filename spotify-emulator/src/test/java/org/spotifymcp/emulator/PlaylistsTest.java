package org.spotifymcp.emulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spotifymcp.emulator.EmulatorHttp.mapper;

/**
 * Playlists as development-mode apps see them since February 2026: {@code POST
 * /me/playlists}, contents under {@code /items} with {@code item} entries, 403 on the old
 * {@code /tracks} paths, owner and scope checks, and a listener deleting (unfollowing) a
 * playlist.
 */
class PlaylistsTest {

	private static final String WRITE = "user-read-recently-played playlist-modify-private playlist-modify-public";

	private static SpotifyEmulator emulator;

	private static EmulatorHttp http;

	@BeforeAll
	static void start() {
		emulator = SpotifyEmulator.start(EmulatorSettings.defaults());
		http = new EmulatorHttp(emulator);
		emulator.addUser(FakeUser.scriptedOnly("pia", "Pia"));
		emulator.addUser(FakeUser.scriptedOnly("otto", "Otto"));
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void aPrivatePlaylistIsCreatedFilledReplacedAndRead() throws Exception {
		String token = token("pia", WRITE);
		HttpResponse<String> created = http.send("POST", "/v1/me/playlists", token,
				"{\"name\":\"Top of this week\",\"description\":\"Most played\",\"public\":false}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode playlist = mapper.readTree(created.body());
		String id = playlist.get("id").asString();
		assertThat(Catalog.isSpotifyId(id)).isTrue();
		assertThat(playlist.get("uri").asString()).isEqualTo("spotify:playlist:" + id);
		assertThat(playlist.get("external_urls").get("spotify").asString())
			.isEqualTo("https://open.spotify.com/playlist/" + id);
		assertThat(playlist.get("owner").get("id").asString()).isEqualTo("pia");
		assertThat(playlist.get("name").asString()).isEqualTo("Top of this week");
		assertThat(playlist.get("public").asBoolean()).isFalse();
		assertThat(playlist.get("items").get("total").asInt()).isZero();
		assertThat(playlist.has("tracks")).isFalse();

		List<String> uris = uris(0, 60);
		HttpResponse<String> replaced = http.send("PUT", "/v1/playlists/" + id + "/items", token, body(uris));
		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
		assertThat(mapper.readTree(replaced.body()).get("snapshot_id").asString()).isNotBlank();
		HttpResponse<String> added = http.send("POST", "/v1/playlists/" + id + "/items", token, body(uris(60, 65)));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

		JsonNode page = http.getJson("/v1/playlists/" + id + "/items?limit=50&offset=50", token);
		assertThat(page.get("total").asInt()).isEqualTo(65);
		assertThat(page.get("items")).hasSize(15);
		JsonNode entry = page.get("items").get(0);
		assertThat(entry.has("track")).isFalse();
		assertThat(entry.get("item").get("uri").asString()).isEqualTo(uris.get(50));
		assertThat(entry.get("added_at").asString()).isEqualTo(emulator.now().toString());
		assertThat(http.getJson("/v1/playlists/" + id, token).get("items").get("total").asInt()).isEqualTo(65);

		http.send("PUT", "/v1/playlists/" + id + "/items", token, body(uris(100, 110)));
		assertThat(emulator.playlist(id).orElseThrow().trackIds())
			.containsExactlyElementsOf(uris(100, 110).stream().map((uri) -> uri.substring(14)).toList());
		JsonNode control = null;
		for (JsonNode candidate : http.getJson("/_emulator/users/pia/playlists", null).get("playlists")) {
			if (candidate.get("id").asString().equals(id)) {
				control = candidate;
			}
		}
		assertThat(control).isNotNull();
		assertThat(control.get("name").asString()).isEqualTo("Top of this week");
		assertThat(control.get("items")).hasSize(10);
		assertThat(control.get("items").get(0).get("track_id").asString())
			.isEqualTo(uris(100, 101).get(0).substring(14));
		assertThat(control.get("followed_by_owner").asBoolean()).isTrue();

		HttpResponse<String> tooMany = http.send("PUT", "/v1/playlists/" + id + "/items", token, body(uris(0, 101)));
		assertThat(tooMany.statusCode()).isEqualTo(400);
		HttpResponse<String> bad = http.send("POST", "/v1/playlists/" + id + "/items", token,
				body(List.of("spotify:episode:0000000000000000000000")));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("Invalid track uri");
	}

	@Test
	void theOldPathsAreForbidden() throws Exception {
		String token = token("pia", WRITE);
		String id = create(token, "Old paths", false);
		for (String method : List.of("GET", "POST", "PUT")) {
			HttpResponse<String> old = http.send(method, "/v1/playlists/" + id + "/tracks", token,
					method.equals("GET") ? null : body(uris(0, 1)));
			assertThat(old.statusCode()).as(method).isEqualTo(403);
		}
		HttpResponse<String> forUser = http.send("POST", "/v1/users/pia/playlists", token, "{\"name\":\"x\"}");
		assertThat(forUser.statusCode()).isEqualTo(403);
		assertThat(emulator.playlistsOwnedBy("pia")).extracting(EmulatedPlaylist::name).doesNotContain("x");
	}

	@Test
	void writesNeedTheFittingScopeAndTheOwner() throws Exception {
		String readOnly = token("pia", "user-read-recently-played");
		HttpResponse<String> refused = http.send("POST", "/v1/me/playlists", readOnly,
				"{\"name\":\"Nope\",\"public\":false}");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(mapper.readTree(refused.body()).get("error").get("message").asString())
			.isEqualTo("Insufficient client scope");
		String privateOnly = token("pia", "playlist-modify-private");
		assertThat(http.send("POST", "/v1/me/playlists", privateOnly, "{\"name\":\"Public\",\"public\":true}")
			.statusCode()).as("a public playlist needs playlist-modify-public").isEqualTo(403);
		String id = create(privateOnly, "Mine", false);
		assertThat(http.send("PUT", "/v1/playlists/" + id + "/items", readOnly, body(uris(0, 1))).statusCode())
			.isEqualTo(403);

		String otto = token("otto", WRITE);
		HttpResponse<String> notOwner = http.send("PUT", "/v1/playlists/" + id + "/items", otto, body(uris(0, 1)));
		assertThat(notOwner.statusCode()).isEqualTo(403);
		assertThat(http.get("/v1/playlists/" + id + "/items", otto).statusCode()).isEqualTo(403);
		assertThat(emulator.playlist(id).orElseThrow().items()).isEmpty();
	}

	@Test
	void aPlaylistTheListenerDeletedIsNoLongerFollowed() throws Exception {
		String token = token("pia", WRITE + " playlist-read-private");
		String kept = create(token, "Kept", false);
		String deleted = create(token, "Deleted", false);
		assertThat(names(http.getJson("/v1/me/playlists", token))).contains("Kept", "Deleted");

		HttpResponse<String> unfollowed = http.send("DELETE", "/v1/playlists/" + deleted + "/followers", token, null);
		assertThat(unfollowed.statusCode()).isEqualTo(200);
		assertThat(names(http.getJson("/v1/me/playlists", token))).contains("Kept").doesNotContain("Deleted");
		assertThat(http.getJson("/v1/playlists/" + deleted + "/followers/contains", token).get(0).asBoolean())
			.isFalse();
		assertThat(http.getJson("/v1/playlists/" + kept + "/followers/contains?ids=pia", token).get(0).asBoolean())
			.isTrue();
		assertThat(http.getJson("/v1/playlists/" + deleted, token).get("name").asString())
			.as("the owner can still read it by id")
			.isEqualTo("Deleted");

		HttpResponse<String> byControl = http.send("DELETE", "/_emulator/users/pia/playlists/" + kept, null, null);
		assertThat(byControl.statusCode()).isEqualTo(200);
		assertThat(emulator.playlist(kept).orElseThrow().followedByOwner()).isFalse();
		assertThat(names(http.getJson("/v1/me/playlists", token))).doesNotContain("Kept", "Deleted");
	}

	@Test
	void aPlaylistGoneFromSpotifyAnswers404() throws Exception {
		String token = token("pia", WRITE);
		String id = create(token, "Gone", false);
		HttpResponse<String> removed = http.send("DELETE", "/_emulator/users/pia/playlists/" + id + "?gone=true", null,
				null);
		assertThat(removed.statusCode()).isEqualTo(200);
		assertThat(emulator.playlist(id)).isEmpty();
		assertThat(http.get("/v1/playlists/" + id, token).statusCode()).isEqualTo(404);
		assertThat(http.send("PUT", "/v1/playlists/" + id + "/items", token, body(uris(0, 1))).statusCode())
			.isEqualTo(404);
		assertThat(http.get("/v1/playlists/" + id + "/followers/contains", token).statusCode()).isEqualTo(404);
	}

	@Test
	void privatePlaylistsAreListedOnlyWithTheReadScope() throws Exception {
		String writer = token("otto", WRITE);
		create(writer, "Otto private", false);
		create(writer, "Otto public", true);
		assertThat(names(http.getJson("/v1/me/playlists", writer))).contains("Otto public")
			.doesNotContain("Otto private");
		assertThat(names(http.getJson("/v1/me/playlists", token("otto", "playlist-read-private"))))
			.contains("Otto public", "Otto private");
	}

	private static String token(String user, String scope) {
		return emulator.issueTokens(user, EmulatorSettings.DEMO_CLIENT_ID, scope).accessToken();
	}

	private static String create(String token, String name, boolean isPublic) throws Exception {
		HttpResponse<String> created = http.send("POST", "/v1/me/playlists", token,
				"{\"name\":\"" + name + "\",\"public\":" + isPublic + "}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return mapper.readTree(created.body()).get("id").asString();
	}

	private static List<String> uris(int from, int to) {
		return emulator.catalog().tracks().subList(from, to).stream().map(Catalog.Track::uri).toList();
	}

	private static String body(List<String> uris) {
		return mapper.writeValueAsString(java.util.Map.of("uris", uris));
	}

	private static List<String> names(JsonNode page) {
		List<String> names = new ArrayList<>();
		page.get("items").forEach((playlist) -> names.add(playlist.get("name").asString()));
		return names;
	}

}
