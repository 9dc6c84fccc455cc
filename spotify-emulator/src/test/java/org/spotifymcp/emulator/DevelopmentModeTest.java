package org.spotifymcp.emulator;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spotifymcp.emulator.EmulatorHttp.mapper;

/**
 * What development-mode apps lost in February 2026: batch lookups, search pages beyond
 * ten, and genres and images of many artists.
 */
class DevelopmentModeTest {

	private static SpotifyEmulator emulator;

	private static EmulatorHttp http;

	private static String token;

	@BeforeAll
	static void start() {
		emulator = SpotifyEmulator.start(EmulatorSettings.defaults());
		http = new EmulatorHttp(emulator);
		token = emulator.issueTokens("listener00001").accessToken();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void batchLookupsAreGoneWhileSingleOnesStay() throws Exception {
		Catalog.Track track = emulator.catalog().tracks().get(0);
		for (String path : List.of("/v1/tracks?ids=" + track.id(), "/v1/artists?ids=" + track.artist().id(),
				"/v1/albums?ids=" + track.album().id())) {
			HttpResponse<String> removed = http.get(path, token);
			assertThat(removed.statusCode()).as(path).isEqualTo(403);
			assertThat(mapper.readTree(removed.body()).get("error").get("message").asString()).isEqualTo("Forbidden");
		}
		assertThat(http.getJson("/v1/tracks/" + track.id(), token).get("id").asString()).isEqualTo(track.id());
		assertThat(emulator.requestCount("/v1/tracks")).isEqualTo(1);
	}

	@Test
	void searchPagesHoldAtMostTen() throws Exception {
		assertThat(http.get("/v1/search?type=track&limit=10&q=a", token).statusCode()).isEqualTo(200);
		HttpResponse<String> tooMany = http.get("/v1/search?type=track&limit=11&q=a", token);
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(mapper.readTree(tooMany.body()).get("error").get("message").asString()).isEqualTo("Invalid limit");
	}

	@Test
	void someArtistsComeWithoutGenresOrImages() throws Exception {
		int withoutGenres = 0;
		int withoutImages = 0;
		List<Catalog.Artist> artists = emulator.catalog().artists().subList(0, 20);
		for (Catalog.Artist artist : artists) {
			JsonNode node = http.getJson("/v1/artists/" + artist.id(), token);
			if (node.has("genres")) {
				assertThat(node.get("genres")).isNotEmpty();
			}
			else {
				withoutGenres++;
			}
			assertThat(node.get("images").isArray()).isTrue();
			if (node.get("images").isEmpty()) {
				withoutImages++;
			}
			else {
				assertThat(node.get("images").get(0).get("url").asString()).startsWith("https://i.scdn.co/image/");
			}
		}
		assertThat(withoutGenres).isEqualTo(20 / Catalog.NO_GENRES_EVERY);
		assertThat(withoutImages).isEqualTo(20 / Catalog.NO_IMAGES_EVERY);
	}

	@Test
	void aTestCanChangeOneArtist() throws Exception {
		Catalog.Artist artist = emulator.catalog().artists().get(40);
		assertThat(http.getJson("/v1/artists/" + artist.id(), token).has("genres")).isTrue();
		HttpResponse<String> changed = http.form("/_emulator/artists/" + artist.id() + "?images=false", "", null);
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		JsonNode bare = http.getJson("/v1/artists/" + artist.id(), token);
		assertThat(bare.has("genres")).isFalse();
		assertThat(bare.get("images")).isEmpty();

		http.form("/_emulator/artists/" + artist.id() + "?genres=k-pop,city%20pop", "", null);
		JsonNode back = http.getJson("/v1/artists/" + artist.id(), token);
		assertThat(back.get("genres")).extracting(JsonNode::asString).containsExactly("k-pop", "city pop");
		assertThat(back.get("images")).hasSize(3);
	}

}
