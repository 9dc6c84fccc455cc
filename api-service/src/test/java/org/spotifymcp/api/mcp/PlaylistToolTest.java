package org.spotifymcp.api.mcp;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.emulator.EmulatedPlay;
import org.spotifymcp.emulator.EmulatedPlaylist;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import org.spotifymcp.shared.spotify.SpotifyTokenStore;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.testing.TestDatabase;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code playlists_create_from_history} through the real MCP endpoint against the
 * emulator: the listener's most played tracks of a window land in a new private playlist
 * of their Spotify account, and the tool is annotated as a write, refuses the admin
 * token, bad arguments and a login without the playlist scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "app.ops.rate-limit-mcp-per-minute=200")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaylistToolTest {

	private static final String TOOL = "playlists_create_from_history";

	private static final SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults());

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.spotify.accounts-base-url", emulator::baseUrl);
		registry.add("app.spotify.api-base-url", emulator::baseUrl);
		registry.add("app.spotify.client-id", () -> EmulatorSettings.DEMO_CLIENT_ID);
		registry.add("app.spotify.client-secret", () -> EmulatorSettings.DEMO_CLIENT_SECRET);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	McpTokenService tokens;

	@Autowired
	SpotifyTokenStore spotifyLogins;

	private final JsonMapper json = JsonMapper.builder().build();

	private int tess;

	private List<String> mostPlayedFirst;

	private McpSyncClient client;

	@BeforeAll
	void seed() {
		this.tess = listener("tess", SpotifyEmulator.DEFAULT_SCOPE + " playlist-modify-private");
		// three catalog tracks played 3, 2 and 1 times this week
		List<EmulatedPlay> plays = emulator.appendPlays("tess", emulator.now().minus(Duration.ofHours(3)), 3,
				Duration.ofMinutes(5));
		this.mostPlayedFirst = plays.stream().map(EmulatedPlay::trackId).toList();
		int album = this.jdbc.queryForObject(
				"insert into albums (spotify_id, name) values ('albumtess', 'Tess Album')" + " returning id",
				Integer.class);
		for (int i = 0; i < 3; i++) {
			int track = this.jdbc.queryForObject(
					"insert into tracks (spotify_id, name, album_id, duration_ms)"
							+ " values (?, ?, ?, 200000) returning id",
					Integer.class, this.mostPlayedFirst.get(i), "Tess Song " + i, album);
			for (int play = 0; play < 3 - i; play++) {
				this.jdbc.update(
						"insert into plays (user_id, played_at, track_id, ms_played, source) values"
								+ " (?, ?, ?, 200000, 1)",
						this.tess,
						java.sql.Timestamp.from(Instant.now().minus(Duration.ofMinutes(10L * (i * 3 + play + 1)))),
						track);
			}
		}
		RollupChecks.apply(this.jdbc, this.tess);
		this.client = client(this.tokens.issue(this.tess, "tess").secret());
	}

	@AfterAll
	void close() {
		this.client.closeGracefully();
		emulator.close();
	}

	@Test
	void createsAPrivatePlaylistOfTheMostPlayedTracksAndReturnsItsUrl() throws Exception {
		McpSchema.CallToolResult result = this.client
			.callTool(new McpSchema.CallToolRequest(TOOL, args("\"days\":7,\"size\":2,\"name\":\"My week\"")));

		assertThat(result.isError()).as(() -> String.valueOf(result.content())).isFalse();
		@SuppressWarnings("unchecked")
		Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
		String id = (String) structured.get("playlist_id");
		assertThat(structured).containsEntry("playlist_url", "https://open.spotify.com/playlist/" + id)
			.containsEntry("name", "My week")
			.containsEntry("tracks", 2);
		String text = ((McpSchema.TextContent) result.content().get(1)).text();
		assertThat(this.json.readTree(text).get("playlist_url").asString())
			.isEqualTo("https://open.spotify.com/playlist/" + id);
		EmulatedPlaylist playlist = emulator.playlist(id).orElseThrow();
		assertThat(playlist.owner()).isEqualTo("tess");
		assertThat(playlist.isPublic()).isFalse();
		assertThat(playlist.name()).isEqualTo("My week");
		assertThat(playlist.trackIds()).containsExactly(this.mostPlayedFirst.get(0), this.mostPlayedFirst.get(1));
	}

	@Test
	void isAnnotatedAsAWriteThatDestroysNothing() {
		McpSchema.Tool tool = this.client.listTools()
			.tools()
			.stream()
			.filter((t) -> t.name().equals(TOOL))
			.findFirst()
			.orElseThrow();
		assertThat(tool.annotations().readOnlyHint()).isFalse();
		assertThat(tool.annotations().destructiveHint()).isFalse();
		assertThat(tool.annotations().openWorldHint()).isTrue();
		@SuppressWarnings("unchecked")
		Map<String, Object> properties = (Map<String, Object>) tool.inputSchema().get("properties");
		assertThat(properties).containsKeys("days", "start", "end", "all_time", "time_zone", "size", "name");
		McpSchema.Tool history = this.client.listTools()
			.tools()
			.stream()
			.filter((t) -> t.name().equals("history_top_tracks"))
			.findFirst()
			.orElseThrow();
		assertThat(history.annotations().readOnlyHint()).isTrue();
	}

	@Test
	void badArgumentsTheAdminTokenAndALoginWithoutThePlaylistScopeAreRefused() throws Exception {
		int before = emulator.playlistsOwnedBy("tess").size();
		assertThat(error(this.client, "\"size\":51")).contains("size must be between 1 and 50");
		assertThat(error(this.client, "\"size\":\"many\"")).contains("size must be an integer");
		assertThat(error(this.client, "\"name\":\"  \"")).contains("name must be 1 to 100 characters");
		assertThat(error(this.client, "\"days\":7,\"colour\":\"red\"")).contains("unknown argument(s) [colour]");
		assertThat(error(this.client, "\"start\":\"2001-01-01\",\"end\":\"2001-01-31\"")).contains("no counted plays");

		McpSyncClient admin = client(TestDatabase.TEST_ADMIN_TOKEN);
		try {
			assertThat(error(admin, "\"user_id\":" + this.tess)).contains("not the admin token");
		}
		finally {
			admin.closeGracefully();
		}

		int ulf = listener("ulf", SpotifyEmulator.DEFAULT_SCOPE);
		this.jdbc.update(
				"insert into plays (user_id, played_at, track_id, ms_played, source)"
						+ " select ?, now() - interval '1 hour', id, 200000, 1 from tracks where name = 'Tess Song 0'",
				ulf);
		RollupChecks.apply(this.jdbc, ulf);
		McpSyncClient ulfClient = client(this.tokens.issue(ulf, "ulf").secret());
		try {
			long calls = emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID);
			assertThat(error(ulfClient, "\"days\":7")).contains("playlist-modify-private")
				.contains("/auth/login?playlists=true");
			assertThat(emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID)).isEqualTo(calls);
		}
		finally {
			ulfClient.closeGracefully();
		}
		assertThat(emulator.playlistsOwnedBy("tess")).hasSize(before);
		assertThat(emulator.playlistsOwnedBy("ulf")).isEmpty();
	}

	private int listener(String spotifyId, String scope) {
		emulator.addUser(FakeUser.scriptedOnly(spotifyId, spotifyId));
		int user = this.jdbc.queryForObject(
				"insert into users (spotify_user_id, display_name, time_zone)" + " values (?, ?, 'UTC') returning id",
				Integer.class, spotifyId, spotifyId);
		IssuedTokens issued = emulator.issueTokens(spotifyId, EmulatorSettings.DEMO_CLIENT_ID, scope);
		this.spotifyLogins.saveLogin(user, issued.accessToken(), issued.refreshToken(),
				Instant.now().plus(Duration.ofHours(1)), issued.scope());
		return user;
	}

	private McpSyncClient client(String token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder("http://127.0.0.1:" + this.port)
			.endpoint("/mcp")
			.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
			.build();
		McpSyncClient mcp = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
		mcp.initialize();
		return mcp;
	}

	private String error(McpSyncClient mcp, String arguments) throws Exception {
		McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest(TOOL, args(arguments)));
		assertThat(result.isError()).as(arguments).isTrue();
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> args(String arguments) throws Exception {
		return this.json.readValue("{" + arguments + "}", HashMap.class);
	}

}
