package org.spotifymcp.api.mcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spotifymcp.emulator.EmulatedPlay;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.catalog.ArtistDetailsStore;
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
 * Drives the real MCP endpoint with the SDK's client over HTTP against plays this test
 * inserts (Europe/Berlin user, March 2024 with the DST change on the 31st), and checks
 * {@code /mcp/tools} and {@code /mcp/call} against it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "app.ops.rate-limit-mcp-per-minute=200")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServerTest {

	private static final String MARCH = "\"start\":\"2024-03-01\",\"end\":\"2024-03-31\"";

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

	@Autowired
	MeterRegistry meters;

	private final JsonMapper json = JsonMapper.builder().build();

	private int ada;

	private int bob;

	private String adaToken;

	private McpSyncClient client;

	@BeforeAll
	void seed() {
		this.ada = this.jdbc.queryForObject(
				"insert into users (spotify_user_id, display_name, time_zone) values ('ada', 'Ada', 'Europe/Berlin') returning id",
				Integer.class);
		this.bob = this.jdbc.queryForObject(
				"insert into users (spotify_user_id, display_name, time_zone) values ('bob', 'Bob', 'UTC') returning id",
				Integer.class);
		this.jdbc.update("insert into artists (id, spotify_id, name, genres) values"
				+ " (1, 'artX', 'Artist X', '{indie,rock}'), (2, 'local:artist:1234', 'artist x', null),"
				+ " (3, 'artY', 'Artist Y', '{jazz}'), (4, 'artZ', 'Artist Z', '{rock}')");
		this.jdbc.update("insert into albums (id, spotify_id, name) values (1, 'alb1', 'First Album'),"
				+ " (2, 'alb2', 'Second Album')");
		this.jdbc.update("insert into tracks (id, spotify_id, name, album_id, duration_ms) values"
				+ " (1, 'trk1', 'Alpha', 1, 200000), (2, 'local:track:2', 'Beta', 1, 200000),"
				+ " (3, 'trk3', 'Gamma', 2, 200000), (4, 'trk4', 'Delta', 2, 200000)");
		this.jdbc.update("insert into track_artists (track_id, position, artist_id) values (1, 0, 1), (2, 0, 2),"
				+ " (3, 0, 3), (4, 0, 4)");
		// Alpha 3, Gamma 3, Delta 3 (a three-way tie), Beta 2. Delta's first play is on
		// March 9 in UTC but March 10 in Berlin; two Delta plays straddle the DST change.
		this.jdbc.update(
				"insert into plays (user_id, played_at, track_id, ms_played, source) values"
						+ " (?, '2024-03-10T10:00Z', 1, 180000, 1), (?, '2024-03-10T11:00Z', 1, 180000, 1),"
						+ " (?, '2024-03-11T10:00Z', 1, 180000, 1), (?, '2024-03-12T10:00Z', 2, 180000, 1),"
						+ " (?, '2024-03-12T12:00Z', 2, 180000, 1), (?, '2024-03-13T10:00Z', 3, 180000, 2),"
						+ " (?, '2024-03-14T10:00Z', 3, 180000, 2), (?, '2024-03-15T10:00Z', 3, 180000, 2),"
						+ " (?, '2024-03-09T23:30Z', 4, null, 1), (?, '2024-03-31T00:30Z', 4, 180000, 1),"
						+ " (?, '2024-03-31T01:30Z', 4, 180000, 1)",
				this.ada, this.ada, this.ada, this.ada, this.ada, this.ada, this.ada, this.ada, this.ada, this.ada,
				this.ada);
		this.jdbc.update(
				"insert into plays (user_id, played_at, track_id, ms_played, source) values"
						+ " (?, '2024-03-20T10:00Z', 1, 180000, 1), (?, '2024-03-21T10:00Z', 3, 180000, 1)",
				this.bob, this.bob);
		// what the writers of plays do after writing them
		RollupChecks.apply(this.jdbc, this.ada, this.bob);
		this.jdbc.update("insert into coverage_gaps (user_id, gap_start, gap_end) values"
				+ " (?, '2024-03-20T00:00Z', '2024-03-21T00:00Z')", this.ada);
		this.jdbc.update("insert into import_jobs (user_id, status, original_filename, stored_path, file_size_bytes,"
				+ " bytes_processed, records_processed) values (?, 'running', 'my_spotify_data.zip', '/secret/path', 1000,"
				+ " 250, 42)", this.ada);
		this.jdbc.update("insert into job_runs (job_type, user_id, status, stats) values ('poll', ?, 'success',"
				+ " '{\"inserted\": 3}')", this.ada);
		this.adaToken = this.tokens.issue(this.ada, "test").secret();
		this.client = client(this.adaToken);
	}

	@AfterAll
	void closeClient() {
		this.client.closeGracefully();
		emulator.close();
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

	private Map<String, Object> call(String tool, String arguments) throws Exception {
		return call(this.client, tool, arguments);
	}

	private Map<String, Object> call(McpSyncClient mcp, String tool, String arguments) throws Exception {
		McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest(tool, args(arguments)));
		assertThat(result.isError()).as(() -> tool + " failed: " + result.content()).isFalse();
		@SuppressWarnings("unchecked")
		Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
		// Text-only hosts see a summary, then the whole result as JSON.
		assertThat(result.content()).hasSize(2)
			.allSatisfy((content) -> assertThat(content).isInstanceOf(McpSchema.TextContent.class));
		assertThat(((McpSchema.TextContent) result.content().get(0)).text()).doesNotStartWith("{");
		String json = ((McpSchema.TextContent) result.content().get(1)).text();
		assertThat(this.json.readValue(json, Map.class)).isEqualTo(structured);
		return structured;
	}

	private String error(McpSyncClient mcp, String tool, String arguments) throws Exception {
		McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest(tool, args(arguments)));
		assertThat(result.isError()).isTrue();
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> args(String arguments) throws Exception {
		return this.json.readValue("{" + arguments + "}", HashMap.class);
	}

	@SuppressWarnings("unchecked")
	private static <T> T at(Object node, Object... path) {
		Object current = node;
		for (Object step : path) {
			current = (step instanceof Integer index) ? ((List<Object>) current).get(index)
					: ((Map<String, Object>) current).get(step);
		}
		return (T) current;
	}

	private HttpResponse<String> http(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void listsEveryToolWithSchemasAndUnderscoreNames() {
		List<McpSchema.Tool> tools = this.client.listTools().tools();
		assertThat(tools).extracting(McpSchema.Tool::name)
			.contains("history_taste_summary", "history_top_artists", "history_top_tracks", "history_top_albums",
					"history_listening_heatmap", "history_repeat_rate", "history_skips", "history_coverage",
					"history_listening_timeline", "history_discoveries", "history_search_history",
					"history_compare_periods", "history_wrapped", "ops_sync_status", "ops_latest_job_runs",
					"ops_latest_import_jobs", "spotify_get_top", "spotify_search")
			.allSatisfy((name) -> assertThat(name).doesNotContain("."));
		assertThat(tools).allSatisfy((tool) -> {
			assertThat((Map<String, Object>) tool.inputSchema().get("properties")).containsKey("user_id");
			assertThat(tool.outputSchema()).containsEntry("type", "object");
		});
	}

	@Test
	void toolsHaveHumanTitles() {
		Map<String, String> titles = new HashMap<>();
		this.client.listTools().tools().forEach((tool) -> titles.put(tool.name(), tool.title()));
		assertThat(titles).containsEntry("history_top_artists", "Top artists")
			.containsEntry("history_listening_timeline", "Listening timeline")
			.containsEntry("ops_sync_status", "Sync status");
		assertThat(titles.values()).allSatisfy(
				(title) -> assertThat(title).isNotBlank().doesNotContain("_").doesNotContain(".").matches("[A-Z].*"));
	}

	/**
	 * Every stored-history tool, called with its required arguments only, answers
	 * snake_case keys (nested ones too) that its output schema names; the schemas of the
	 * live Spotify tools and the playlist tool, which need a Spotify login, are
	 * snake_case as well (PlaylistToolTest calls the playlist tool against the emulator).
	 */
	@Test
	@SuppressWarnings("unchecked")
	void everyToolResultIsSnakeCaseAndNamedByItsOutputSchema() throws Exception {
		List<String> called = new java.util.ArrayList<>();
		for (McpSchema.Tool tool : this.client.listTools().tools()) {
			List<String> problems = new java.util.ArrayList<>();
			snakeCaseSchema(tool.outputSchema(), tool.name(), problems);
			assertThat(problems).as(tool.name() + " output schema").isEmpty();
			if (tool.name().startsWith("spotify_") || tool.name().startsWith("playlists_")) {
				continue;
			}
			Map<String, Object> args = new HashMap<>();
			Map<String, Object> properties = (Map<String, Object>) tool.inputSchema().get("properties");
			for (Object name : (List<Object>) tool.inputSchema().getOrDefault("required", List.of())) {
				Map<String, Object> property = (Map<String, Object>) properties.get(name);
				args.put((String) name, (property.get("enum") instanceof List<?> values) ? values.get(0)
						: ("integer".equals(property.get("type")) ? 1 : "Al"));
			}
			Map<String, Object> result = call(tool.name(),
					this.json.writeValueAsString(args).replaceAll("^\\{|}$", ""));
			conformsToSchema(tool.outputSchema(), result, tool.name(), problems);
			assertThat(problems).as(tool.name() + " result " + result).isEmpty();
			called.add(tool.name());
		}
		assertThat(called).contains("history_taste_summary", "history_search_history", "history_compare_periods",
				"ops_sync_status", "ops_latest_job_runs", "ops_latest_import_jobs");
	}

	@SuppressWarnings("unchecked")
	private static void snakeCaseSchema(Object schema, String at, List<String> problems) {
		if (!(schema instanceof Map<?, ?> map)) {
			return;
		}
		if (map.get("properties") instanceof Map<?, ?> properties) {
			properties.forEach((name, property) -> {
				if (!((String) name).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
					problems.add(at + "." + name + " is not snake_case");
				}
				snakeCaseSchema(property, at + "." + name, problems);
			});
		}
		snakeCaseSchema(map.get("items"), at + "[]", problems);
	}

	@SuppressWarnings("unchecked")
	private static void conformsToSchema(Object schema, Object value, String at, List<String> problems) {
		Map<String, Object> declared = (schema instanceof Map<?, ?>) ? (Map<String, Object>) schema : Map.of();
		if (value instanceof Map<?, ?> object) {
			Map<String, Object> properties = (Map<String, Object>) declared.get("properties");
			object.forEach((key, nested) -> {
				if (!((String) key).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
					problems.add(at + "." + key + " is not snake_case");
				}
				if (properties != null && !properties.containsKey(key)) {
					problems.add(at + "." + key + " is not in the output schema");
				}
				conformsToSchema((properties != null) ? properties.get(key) : null, nested, at + "." + key, problems);
			});
		}
		else if (value instanceof List<?> list) {
			list.forEach((item) -> conformsToSchema(declared.get("items"), item, at + "[]", problems));
		}
	}

	@Test
	void wrappedDescribesTheDefaultItUses() throws Exception {
		McpSchema.Tool wrapped = this.client.listTools()
			.tools()
			.stream()
			.filter((tool) -> tool.name().equals("history_wrapped"))
			.findFirst()
			.orElseThrow();
		Map<String, Object> days = at(wrapped.inputSchema(), "properties", "days");
		assertThat(wrapped.description()).contains("last 365 days");
		assertThat(days).containsEntry("default", 365);
		assertThat((String) days.get("description")).contains("default 365").doesNotContain("90");
		assertThat((Object) at(call("history_wrapped", ""), "window", "days")).isEqualTo(365);
		McpSchema.Tool topTracks = this.client.listTools()
			.tools()
			.stream()
			.filter((tool) -> tool.name().equals("history_top_tracks"))
			.findFirst()
			.orElseThrow();
		assertThat((Object) at(topTracks.inputSchema(), "properties", "days", "default")).isEqualTo(90);
		assertThat((Object) at(call("history_top_tracks", ""), "window", "days")).isEqualTo(90);
	}

	@Test
	void topTracksRankTiesTogetherAndBreakThemByName() throws Exception {
		Map<String, Object> result = call("history_top_tracks", MARCH);
		assertThat((Object) at(result, "total_plays")).isEqualTo(11);
		List<Map<String, Object>> tracks = at(result, "tracks");
		assertThat(tracks).extracting((t) -> t.get("name")).containsExactly("Alpha", "Delta", "Gamma", "Beta");
		assertThat(tracks).extracting((t) -> t.get("rank")).containsExactly(1, 1, 1, 4);
		assertThat(tracks.get(0)).containsEntry("plays", 3)
			.containsEntry("minutes", 9.0)
			.containsEntry("artists", "Artist X")
			.containsEntry("album", "First Album");
		// Delta's first play has no ms_played: its duration (200 s) counts instead.
		assertThat(tracks.get(1)).containsEntry("minutes", 9.3);
	}

	@Test
	void windowsFromMonthRollupsAndAllTimeTotalsAgreeWithRawPlays() throws Exception {
		Map<String, Object> raw = call("history_top_tracks", MARCH);
		Map<String, Object> months = call("history_top_tracks", "\"start\":\"2024-01-01\",\"end\":\"2024-06-30\"");
		Map<String, Object> allTime = call("history_top_tracks", "\"all_time\":true");
		assertThat((Object) at(months, "tracks")).isEqualTo(at(raw, "tracks"));
		assertThat((Object) at(allTime, "tracks")).isEqualTo(at(raw, "tracks"));
		assertThat((Object) at(allTime, "window", "start")).isEqualTo("2024-03-10");
	}

	@Test
	void artistsMergeSpotifyAndExportIdsByName() throws Exception {
		List<Map<String, Object>> artists = at(call("history_top_artists", MARCH), "artists");
		assertThat(artists).extracting((a) -> a.get("name")).containsExactly("Artist X", "Artist Y", "Artist Z");
		assertThat(artists).extracting((a) -> a.get("plays")).containsExactly(5, 3, 3);
		assertThat(artists).extracting((a) -> a.get("rank")).containsExactly(1, 2, 2);
		assertThat(artists.get(0)).containsEntry("spotify_ids", List.of("artX")).containsEntry("tracks", 2);
	}

	@Test
	void topAlbums() throws Exception {
		List<Map<String, Object>> albums = at(call("history_top_albums", MARCH), "albums");
		assertThat(albums).extracting((a) -> a.get("name")).containsExactly("Second Album", "First Album");
		assertThat(albums).extracting((a) -> a.get("plays")).containsExactly(6, 5);
	}

	@Test
	void topToolsRankByListeningTimeWhenAsked() throws Exception {
		List<Map<String, Object>> tracks = at(call("history_top_tracks", MARCH + ",\"order_by\":\"time\""), "tracks");
		assertThat(tracks).extracting((t) -> ((Number) t.get("minutes")).doubleValue())
			.isSortedAccordingTo(java.util.Comparator.reverseOrder());
		// Delta (9.3 min) before Alpha (9.0 min), though Alpha and Delta tie by plays
		assertThat(tracks).extracting((t) -> t.get("name")).startsWith("Delta", "Alpha");
		assertThat(tracks.get(0)).containsEntry("rank", 1);
		assertThat(tracks.get(1)).containsEntry("rank", 2);
		List<Map<String, Object>> albums = at(call("history_top_albums", MARCH + ",\"order_by\":\"time\""), "albums");
		assertThat(albums).extracting((a) -> ((Number) a.get("minutes")).doubleValue())
			.isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(albums).allSatisfy((album) -> assertThat(album).containsKey("spotify_id"));
		assertThat(error(this.client, "history_top_artists", "\"order_by\":\"minutes\""))
			.contains("order_by must be \"plays\" or \"time\", got 'minutes'");
	}

	@Test
	void heatmapUsesLocalHoursAcrossTheDstChange() throws Exception {
		Map<String, Object> berlin = call("history_listening_heatmap", MARCH);
		List<Number> sunday = at(berlin, "days", 6, "hours");
		// 00:30 (March 10, CET), 01:30 CET and 03:30 CEST on March 31, 11:00 and 12:00
		// CET.
		assertThat(sunday.get(0)).isEqualTo(1);
		assertThat(sunday.get(1)).isEqualTo(1);
		assertThat(sunday.get(2)).isEqualTo(0);
		assertThat(sunday.get(3)).isEqualTo(1);
		assertThat(sunday.get(11)).isEqualTo(1);
		assertThat(sunday.get(12)).isEqualTo(1);
		assertThat((Object) at(berlin, "days", 6, "plays")).isEqualTo(5);
		assertThat((Object) at(berlin, "peak_weekday")).isEqualTo("SUNDAY");
		assertThat((Object) at(berlin, "peak_hour")).isEqualTo(11);
		Map<String, Object> utc = call("history_listening_heatmap",
				"\"start\":\"2024-03-01\",\"end\":\"2024-03-31\",\"time_zone\":\"UTC\"");
		assertThat((Object) at(utc, "days", 5, "hours", 23)).isEqualTo(1);
		assertThat((Object) at(utc, "peak_hour")).isEqualTo(10);
		Map<String, Object> kolkata = call("history_listening_heatmap", MARCH + ",\"time_zone\":\"Asia/Kolkata\"");
		// 10:00Z is 15:30 in Kolkata: half-hour zones are bucketed from raw plays.
		assertThat((Object) at(kolkata, "peak_hour")).isEqualTo(15);
	}

	@Test
	void timelineBucketsLocalDays() throws Exception {
		List<Map<String, Object>> berlin = at(call("history_listening_timeline", MARCH + ",\"granularity\":\"day\""),
				"buckets");
		assertThat(berlin).hasSize(31);
		assertThat(berlin.get(9)).containsEntry("start", "2024-03-10").containsEntry("plays", 3);
		assertThat(berlin.get(8)).containsEntry("plays", 0);
		List<Map<String, Object>> utc = at(call("history_listening_timeline",
				"\"start\":\"2024-03-09\",\"end\":\"2024-03-10\",\"time_zone\":\"UTC\""), "buckets");
		assertThat(utc).extracting((b) -> b.get("plays")).containsExactly(1, 2);
		List<Map<String, Object>> months = at(call("history_listening_timeline",
				"\"start\":\"2024-02-15\",\"end\":\"2024-04-10\",\"granularity\":\"month\""), "buckets");
		assertThat(months).extracting((b) -> b.get("start")).containsExactly("2024-02-15", "2024-03-01", "2024-04-01");
		assertThat(months).extracting((b) -> b.get("plays")).containsExactly(0, 11, 0);
	}

	@Test
	void coverageCountsDaysStretchesGapsAndSources() throws Exception {
		Map<String, Object> coverage = call("history_coverage", MARCH);
		assertThat(coverage).containsEntry("plays", 11)
			.containsEntry("days_with_data", 7)
			.containsEntry("first_play_at", "2024-03-09T23:30:00Z")
			.containsEntry("last_play_at", "2024-03-31T01:30:00Z");
		List<Map<String, Object>> stretches = at(coverage, "empty_stretches");
		assertThat(stretches.get(0)).containsEntry("start", "2024-03-16").containsEntry("days", 15);
		assertThat(stretches.get(1)).containsEntry("start", "2024-03-01").containsEntry("days", 9);
		assertThat((List<?>) at(coverage, "collector_gaps")).hasSize(1);
		assertThat((Object) at(coverage, "sources"))
			.isEqualTo(List.of(Map.of("source", "api", "plays", 8), Map.of("source", "extended_export", "plays", 3)));
	}

	@Test
	void repeatRate() throws Exception {
		Map<String, Object> result = call("history_repeat_rate", MARCH);
		assertThat(result).containsEntry("plays", 11)
			.containsEntry("unique_tracks", 4)
			.containsEntry("repeat_plays", 7)
			.containsEntry("repeat_rate", 0.6364)
			.containsEntry("tracks_played_once", 0);
	}

	/**
	 * A listener of their own (the shared fixture holds only full plays): a 0 ms and a 29
	 * s listen are stored but skipped, 30 s counts; every tool counts plays only.
	 */
	@Test
	void skippedListensAreReportedApartFromPlays() throws Exception {
		int cy = this.jdbc.queryForObject(
				"insert into users (spotify_user_id, display_name) values ('cy', 'Cy') returning id", Integer.class);
		this.jdbc.update(
				"insert into plays (user_id, played_at, track_id, ms_played, source) values"
						+ " (?, '2024-06-01T10:00Z', 1, 0, 2), (?, '2024-06-01T11:00Z', 1, 29000, 2),"
						+ " (?, '2024-06-01T12:00Z', 1, 30000, 2), (?, '2024-06-01T13:00Z', 3, 180000, 2)",
				cy, cy, cy, cy);
		RollupChecks.apply(this.jdbc, cy);
		McpSyncClient mcp = client(this.tokens.issue(cy, "test").secret());
		try {
			McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest("history_skips",
					args("\"start\":\"2024-06-01\",\"end\":\"2024-06-30\"")));
			assertThat(result.isError()).as(() -> "history_skips failed: " + result.content()).isFalse();
			Map<String, Object> skips = (Map<String, Object>) result.structuredContent();
			assertThat(skips).containsEntry("listens", 4)
				.containsEntry("plays", 2)
				.containsEntry("skipped_listens", 2)
				.containsEntry("skip_rate", 0.5)
				.containsEntry("play_min_ms", 30000);
			assertThat((List<Map<String, Object>>) at(skips, "tracks")).singleElement()
				.satisfies((track) -> assertThat(track).containsEntry("name", "Alpha")
					.containsEntry("plays", 1)
					.containsEntry("skipped_listens", 2)
					.containsEntry("skip_rate", 0.6667));
			McpSchema.CallToolResult top = mcp.callTool(new McpSchema.CallToolRequest("history_top_tracks",
					args("\"start\":\"2024-06-01\",\"end\":\"2024-06-30\"")));
			assertThat((Map<String, Object>) top.structuredContent()).containsEntry("total_plays", 2);
		}
		finally {
			mcp.closeGracefully();
			this.jdbc.update("delete from users where id = ?", cy);
		}
	}

	@Test
	void discoveriesAreFirstEverPlaysInTheLocalWindow() throws Exception {
		Map<String, Object> result = call("history_discoveries", "\"start\":\"2024-03-12\",\"end\":\"2024-03-31\"");
		assertThat(result).containsEntry("new_tracks", 2).containsEntry("new_artists", 1);
		assertThat((List<Map<String, Object>>) at(result, "tracks")).extracting((t) -> t.get("name"))
			.containsExactly("Gamma", "Beta");
		assertThat((Object) at(result, "artists", 0, "name")).isEqualTo("Artist Y");
	}

	@Test
	void searchHistoryPagesNewestFirst() throws Exception {
		Map<String, Object> alpha = call("history_search_history", MARCH + ",\"query\":\"ALP\"");
		assertThat(alpha).containsEntry("total", 3).containsEntry("matching_tracks", 1);
		assertThat((Object) at(alpha, "plays", 0, "played_at")).isEqualTo("2024-03-11T11:00");
		Map<String, Object> page = call("history_search_history",
				MARCH + ",\"query\":\"artist x\",\"limit\":2,\"offset\":2");
		assertThat(page).containsEntry("total", 5);
		assertThat((List<Map<String, Object>>) at(page, "plays")).extracting((p) -> p.get("played_at"))
			.containsExactly("2024-03-11T11:00", "2024-03-10T12:00");
		assertThat(error(this.client, "history_search_history", MARCH + ",\"query\":\"a\"")).contains("query");
	}

	@Test
	void comparePeriodsFindsNewAndLostArtists() throws Exception {
		Map<String, Object> result = call("history_compare_periods", "\"a_start\":\"2024-03-01\","
				+ "\"a_end\":\"2024-03-12\",\"b_start\":\"2024-03-13\",\"b_end\":\"2024-03-31\"");
		assertThat((Object) at(result, "period_a", "plays")).isEqualTo(6);
		assertThat((Object) at(result, "period_b", "plays")).isEqualTo(5);
		assertThat(result).containsEntry("new_artists", List.of("Artist Y"))
			.containsEntry("lost_artists", List.of("Artist X"))
			.containsEntry("shared_artists", 1)
			.containsEntry("plays_change_percent", -16.7);
	}

	/**
	 * A listener whose artists have no genres known is told so ("genres unavailable")
	 * instead of an empty list; genres the collector fills later show in the next call,
	 * without a restart (the genre cache follows the catalog's revision).
	 */
	@Test
	void genresUnavailableUntilFilledThenListed() throws Exception {
		int cleo = this.jdbc.queryForObject("insert into users (spotify_user_id, display_name, time_zone)"
				+ " values ('cleo', 'Cleo', 'UTC') returning id", Integer.class);
		int artist = this.jdbc.queryForObject(
				"insert into artists (id, spotify_id, name) values (50, 'artCleo', 'Cleo Band') returning id",
				Integer.class);
		this.jdbc.update("insert into tracks (id, spotify_id, name, duration_ms) values (50, 'trk50', 'Song', 200000)");
		this.jdbc.update("insert into track_artists (track_id, position, artist_id) values (50, 0, ?)", artist);
		this.jdbc.update(
				"insert into plays (user_id, played_at, track_id, ms_played, source) values"
						+ " (?, '2024-05-10T10:00Z', 50, 180000, 1), (?, '2024-05-11T10:00Z', 50, 180000, 1)",
				cleo, cleo);
		RollupChecks.apply(this.jdbc, cleo);
		String may = "\"start\":\"2024-05-01\",\"end\":\"2024-05-31\"";
		McpSyncClient cleoClient = client(this.tokens.issue(cleo, "cleo").secret());
		try {
			ArtistDetailsStore details = new ArtistDetailsStore(this.jdbc);
			for (String tool : List.of("history_taste_summary", "history_wrapped")) {
				Map<String, Object> before = call(cleoClient, tool, may);
				assertThat(before).as(tool)
					.containsEntry("top_genres", List.of())
					.containsEntry("genres_available", false);
				assertThat((String) before.get("genres_note")).as(tool).startsWith("genres unavailable");
			}
			// the collector asked Spotify, which gave no genres
			details.save(artist, List.of(), null, Instant.now());
			assertThat(call(cleoClient, "history_taste_summary", may)).containsEntry("genres_available", false)
				.containsEntry("genres_note", "genres unavailable: Spotify returned no genres for these artists");
			// a later answer has genres: the very next call lists them
			details.save(artist, List.of("synthwave"), "https://i.scdn.co/image/cleo", Instant.now());
			Map<String, Object> taste = call(cleoClient, "history_taste_summary", may);
			assertThat(taste).containsEntry("genres_available", true).containsEntry("genres_note", null);
			assertThat((Object) at(taste, "top_genres", 0, "genre")).isEqualTo("synthwave");
			assertThat(call(cleoClient, "history_wrapped", may)).containsEntry("top_genres", List.of("synthwave"))
				.containsEntry("genres_available", true);
		}
		finally {
			cleoClient.closeGracefully();
		}
	}

	@Test
	void wrappedAndTasteSummary() throws Exception {
		Map<String, Object> wrapped = call("history_wrapped", MARCH);
		assertThat(wrapped).containsEntry("plays", 11)
			.containsEntry("busiest_day", "2024-03-10")
			.containsEntry("busiest_day_plays", 3)
			.containsEntry("busiest_month", "2024-03")
			.containsEntry("longest_streak_days", 6)
			.containsEntry("peak_hour", 11)
			.containsEntry("unique_artists", 3);
		assertThat((List<Object>) at(wrapped, "top_genres")).startsWith("rock");
		assertThat(wrapped).containsEntry("genres_available", true).containsEntry("genres_note", null);
		Map<String, Object> taste = call("history_taste_summary", MARCH);
		assertThat(taste).containsEntry("plays", 11)
			.containsEntry("unique_tracks", 4)
			.doesNotContainKeys("audio_profile", "clusters")
			.containsEntry("peak_weekday", "SUNDAY");
		assertThat(this.json.writeValueAsString(taste)).doesNotContain("audio");
		McpSchema.Tool tasteTool = this.client.listTools()
			.tools()
			.stream()
			.filter((tool) -> tool.name().equals("history_taste_summary"))
			.findFirst()
			.orElseThrow();
		assertThat((Map<String, Object>) tasteTool.outputSchema().get("properties"))
			.containsKeys("top_genres", "genres_available", "genres_note")
			.doesNotContainKeys("audio_profile", "clusters");
		assertThat(tasteTool.description()).doesNotContain("audio_profile");
		assertThat((Object) at(taste, "top_artists", 0, "name")).isEqualTo("Artist X");
	}

	@Test
	void emptyWindowsGiveZerosNotErrors() throws Exception {
		String empty = "\"start\":\"2023-01-01\",\"end\":\"2023-01-31\"";
		assertThat((List<?>) at(call("history_top_tracks", empty), "tracks")).isEmpty();
		assertThat(call("history_listening_heatmap", empty)).containsEntry("peak_hour", null);
		assertThat(call("history_wrapped", empty)).containsEntry("plays", 0).containsEntry("busiest_day", null);
		assertThat(call("history_coverage", empty)).containsEntry("days_with_data", 0);
		assertThat(call("history_repeat_rate", empty)).containsEntry("repeat_rate", 0.0);
		assertThat(call("history_discoveries", empty)).containsEntry("new_tracks", 0);
		assertThat(call("history_taste_summary", empty)).containsEntry("plays", 0);
		assertThat((List<?>) at(call("history_top_albums", empty), "albums")).isEmpty();
		assertThat((List<?>) at(call("history_top_artists", "\"days\":30"), "artists")).isEmpty();
	}

	@Test
	void invalidArgumentsAreToolErrorsWithClearMessages() throws Exception {
		assertThat(error(this.client, "history_top_tracks", "\"days\":0")).contains("days must be between 1");
		assertThat(error(this.client, "history_top_tracks", "\"start\":\"2024-13-01\""))
			.contains("start must be a date");
		assertThat(error(this.client, "history_top_tracks", "\"start\":\"2024-03-02\",\"end\":\"2024-03-01\""))
			.contains("before start");
		assertThat(error(this.client, "history_top_tracks", "\"days\":5,\"start\":\"2024-03-02\""))
			.contains("either days or start/end");
		assertThat(error(this.client, "history_listening_heatmap", "\"time_zone\":\"Mars/Olympus\""))
			.contains("unknown time_zone");
		assertThat(error(this.client, "history_top_artists", "\"limit\":500"))
			.contains("limit must be between 1 and 50");
		assertThat(error(this.client, "history_listening_timeline", "\"granularity\":\"hour\""))
			.contains("granularity");
		assertThat(error(this.client, "history_coverage", "\"colour\":\"blue\"")).contains("unknown argument");
		assertThat(error(this.client, "history_wrapped", "\"days\":\"many\"")).contains("days must be an integer");
		assertThat(error(this.client, "ops_latest_job_runs", "\"limit\":0")).contains("limit");
	}

	@Test
	void operationsTools() throws Exception {
		Map<String, Object> status = call("ops_sync_status", "");
		// "idle" once the live Spotify test has stored a login (and with it a
		// checkpoint).
		assertThat(status.get("status")).isIn("not_started", "idle");
		assertThat(status).containsEntry("display_name", "Ada").containsEntry("coverage_gaps", 1);
		assertThat((Object) at(call("ops_latest_job_runs", ""), "runs", 0, "job_type")).isEqualTo("poll");
		Map<String, Object> imports = call("ops_latest_import_jobs", "");
		assertThat((Object) at(imports, "imports", 0, "progress_percent")).isEqualTo(25.0);
		assertThat(this.json.writeValueAsString(imports)).doesNotContain("/secret/path");
	}

	@Test
	void aUserTokenReadsOnlyItsOwnUser() throws Exception {
		assertThat(error(this.client, "history_top_tracks", "\"user_id\":" + this.bob)).contains("cannot read user_id");
		assertThat(call("history_top_tracks", "\"user_id\":" + this.ada + "," + MARCH)).containsEntry("total_plays",
				11);
		McpSyncClient bobClient = client(this.tokens.issue(this.bob, "bob").secret());
		try {
			McpSchema.CallToolResult result = bobClient
				.callTool(new McpSchema.CallToolRequest("history_top_tracks", args(MARCH)));
			assertThat((Object) at(result.structuredContent(), "total_plays")).isEqualTo(2);
		}
		finally {
			bobClient.closeGracefully();
		}
	}

	@Test
	void theAdminTokenNeedsAUserId() throws Exception {
		McpSyncClient admin = client(TestDatabase.TEST_ADMIN_TOKEN);
		try {
			assertThat(error(admin, "history_top_tracks", MARCH)).contains("user_id is required");
			McpSchema.CallToolResult result = admin.callTool(
					new McpSchema.CallToolRequest("history_top_tracks", args(MARCH + ",\"user_id\":" + this.bob)));
			assertThat((Object) at(result.structuredContent(), "total_plays")).isEqualTo(2);
			assertThat(error(admin, "history_top_tracks", MARCH + ",\"user_id\":99999")).contains("unknown user_id");
		}
		finally {
			admin.closeGracefully();
		}
	}

	@Test
	void unauthenticatedCallsAreRefused() throws Exception {
		assertThat(http("POST", "/mcp", null, "{}").statusCode()).isEqualTo(401);
		assertThat(http("GET", "/mcp/tools", "smcp_wrong", null).statusCode()).isEqualTo(401);
		assertThat(http("POST", "/mcp/call", "wrong", "{}").statusCode()).isEqualTo(401);
	}

	@Test
	void compatibilityEndpointsAnswerLikeMcp() throws Exception {
		HttpResponse<String> tools = http("GET", "/mcp/tools", this.adaToken, null);
		assertThat(tools.statusCode()).isEqualTo(200);
		List<Map<String, Object>> catalog = at(this.json.readValue(tools.body(), Map.class), "tools");
		assertThat(catalog).extracting((t) -> t.get("name")).contains("history.taste_summary", "ops.sync_status");
		Map<String, String> mcpTitles = new HashMap<>();
		this.client.listTools().tools().forEach((tool) -> mcpTitles.put(tool.name(), tool.title()));
		assertThat(catalog)
			.allSatisfy((entry) -> assertThat(entry.get("title")).isEqualTo(mcpTitles.get(entry.get("mcp_name"))));
		for (String tool : List.of("taste_summary", "top_tracks", "listening_heatmap", "coverage")) {
			HttpResponse<String> response = http("POST", "/mcp/call", this.adaToken,
					"{\"tool\":\"history." + tool + "\",\"args\":{" + MARCH + "}}");
			assertThat(response.statusCode()).isEqualTo(200);
			Object viaHttp = at(this.json.readValue(response.body(), Map.class), "result");
			assertThat(viaHttp).isEqualTo(call("history_" + tool, MARCH));
		}
		HttpResponse<String> bad = http("POST", "/mcp/call", this.adaToken,
				"{\"tool\":\"history.top_tracks\",\"args\":{\"days\":-1}}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("days must be between 1");
	}

	@Test
	void everyToolCallIsTimedByToolAndOutcome() throws Exception {
		long okBefore = latency("history.repeat_rate", "ok");
		long errorsBefore = latency("history.repeat_rate", "error");
		call("history_repeat_rate", MARCH);
		call("history_repeat_rate", MARCH);
		assertThat(http("POST", "/mcp/call", this.adaToken, "{\"tool\":\"history.repeat_rate\",\"args\":{\"days\":0}}")
			.statusCode()).isEqualTo(400);
		assertThat(latency("history.repeat_rate", "ok")).isEqualTo(okBefore + 2);
		assertThat(latency("history.repeat_rate", "error")).isEqualTo(errorsBefore + 1);
		http("POST", "/mcp/call", this.adaToken, "{\"tool\":\"history.no_such_tool\",\"args\":{}}");
		assertThat(this.meters.find("mcp.tool.latency").tag("tool", "history.no_such_tool").timers()).isEmpty();
		assertThat(latency("unknown", "error")).isPositive();
	}

	private long latency(String tool, String outcome) {
		Timer timer = this.meters.find("mcp.tool.latency").tag("tool", tool).tag("outcome", outcome).timer();
		return (timer != null) ? timer.count() : 0;
	}

	@Test
	void openApiDescribesTheCompatibilityEndpoints() throws Exception {
		HttpResponse<String> response = http("GET", "/openapi.json", null, null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("/mcp/call").contains("/mcp/tools");
	}

	@Test
	void eachTokenIsRateLimited() throws Exception {
		String token = this.tokens.issue(this.ada, "burst").secret();
		int status = 0;
		for (int i = 0; i < 201 && status != 429; i++) {
			status = http("GET", "/mcp/tools", token, null).statusCode();
		}
		assertThat(status).isEqualTo(429);
		assertThat(http("GET", "/mcp/tools", this.tokens.issue(this.ada, "other").secret(), null).statusCode())
			.isEqualTo(200);
	}

	@Test
	void rollupsFollowDeletes() {
		this.jdbc.update(
				"insert into plays (user_id, played_at, track_id, ms_played, source) values"
						+ " (?, '2024-05-01T10:00Z', 4, 100000, 1), (?, '2024-05-02T10:00Z', 4, 100000, 1)",
				this.bob, this.bob);
		this.jdbc.update("delete from plays where user_id = ? and played_at = '2024-05-02T10:00Z'", this.bob);
		RollupChecks.apply(this.jdbc, this.bob);
		assertThat(this.jdbc.queryForMap("select plays, last_played_at::text as last from user_track_totals"
				+ " where user_id = ? and track_id = 4", this.bob))
			.containsEntry("plays", 1);
		assertThat(this.jdbc.queryForObject("select sum(plays) from play_hour_totals where user_id = ?", Long.class,
				this.bob))
			.isEqualTo(3);
		this.jdbc.update("delete from plays where user_id = ? and track_id = 4", this.bob);
		RollupChecks.apply(this.jdbc, this.bob);
		assertThat(this.jdbc.queryForObject("select count(*) from play_month_tracks where user_id = ? and track_id = 4",
				Integer.class, this.bob))
			.isZero();
	}

	@Test
	void liveSpotifyToolsReadTheUsersTopItemsAndSearch() throws Exception {
		emulator.addUser(FakeUser.scriptedOnly("ada", "Ada"));
		IssuedTokens issued = emulator.issueTokens("ada");
		this.spotifyLogins.saveLogin(this.ada, issued.accessToken(), issued.refreshToken(),
				Instant.now().plus(Duration.ofHours(1)), issued.scope());
		Instant consentedAt = this.jdbc
			.queryForObject("select consented_at from spotify_tokens where user_id = ?", java.sql.Timestamp.class,
					this.ada)
			.toInstant();
		assertThat(call("ops_sync_status", "")).containsEntry("reconnect_by_date",
				java.time.LocalDate
					.ofInstant(org.spotifymcp.shared.consent.SpotifyConsent.reconnectBy(consentedAt),
							java.time.ZoneOffset.UTC)
					.toString());
		List<EmulatedPlay> plays = emulator.appendPlays("ada", emulator.now().minus(Duration.ofHours(2)), 3,
				Duration.ofMinutes(5));
		emulator.appendPlay("ada", emulator.now().minus(Duration.ofMinutes(10)), plays.get(0).trackId());
		// Spotify gives many artists no genres (2026): the live result says so per artist
		String bare = emulator.catalog().track(plays.get(0).trackId()).orElseThrow().artist().id();
		emulator.changeArtist(bare, List.of(), true);
		List<Map<String, Object>> artists = at(
				call("spotify_get_top", "\"type\":\"artists\",\"time_range\":\"short_term\""), "items");
		assertThat(artists).isNotEmpty()
			.allSatisfy((a) -> assertThat(a.get("genres_available")).isEqualTo(!((List<?>) a.get("genres")).isEmpty()));
		assertThat(artists).filteredOn((a) -> bare.equals(a.get("spotify_id")))
			.singleElement()
			.satisfies(
					(a) -> assertThat(a).containsEntry("genres", List.of()).containsEntry("genres_available", false));
		Map<String, Object> top = call("spotify_get_top", "\"type\":\"tracks\",\"time_range\":\"short_term\"");
		List<Map<String, Object>> items = at(top, "items");
		assertThat(items).hasSize(3);
		assertThat(items.get(0)).containsEntry("spotify_id", plays.get(0).trackId());
		String name = (String) items.get(0).get("name");
		Map<String, Object> found = call("spotify_search", "\"query\":\"" + name + "\",\"limit\":10");
		assertThat((List<Map<String, Object>>) at(found, "items")).extracting((i) -> i.get("name")).contains(name);
		assertThat(error(this.client, "spotify_search", "\"query\":\"x\",\"limit\":11")).contains("limit");
		assertThat(error(this.client, "spotify_get_top", "\"type\":\"genres\"")).contains("type must be one of");
		McpSyncClient bobClient = client(this.tokens.issue(this.bob, "bob-live").secret());
		try {
			assertThat(error(bobClient, "spotify_get_top", "\"type\":\"artists\"")).contains("no valid Spotify login");
		}
		finally {
			bobClient.closeGracefully();
		}
		// the app's quota is used up: the live tools say when they work again, without
		// asking Spotify twice
		emulator.inject(org.spotifymcp.emulator.Fault.quotaExceeded()
			.forClient(EmulatorSettings.DEMO_CLIENT_ID)
			.between(null, emulator.now().plus(Duration.ofMinutes(30))));
		try {
			long calls = emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID);
			assertThat(error(this.client, "spotify_search", "\"query\":\"y\"")).contains("quota")
				.contains("work again in");
			assertThat(error(this.client, "spotify_get_top", "\"type\":\"tracks\"")).contains("quota");
			assertThat(emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID) - calls).isOne();
		}
		finally {
			emulator.clearFaults();
			this.jdbc.update("delete from spotify_app_pauses");
		}
	}

}
