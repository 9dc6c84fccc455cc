package org.spotifymcp.api.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;

import org.spotifymcp.shared.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running api-service on a fresh database, shared by the admin API test classes (they
 * extend this class so Spring reuses the context). Tests create their own rows and never
 * assume empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AdminApiTestSupport {

	protected static final String ADMIN = "Bearer " + TestDatabase.TEST_ADMIN_TOKEN;

	protected static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	protected HttpResponse<String> call(String method, String path, String authorization, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	protected HttpResponse<String> admin(String method, String path) throws Exception {
		return call(method, path, ADMIN, null);
	}

	protected HttpResponse<String> admin(String method, String path, String body) throws Exception {
		return call(method, path, ADMIN, body);
	}

	protected static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	protected int insertUser(String spotifyId, String name) {
		return this.jdbc.queryForObject(
				"insert into users (spotify_user_id, display_name, time_zone) values (?, ?, 'UTC') returning id",
				Integer.class, spotifyId, name);
	}

	protected void linkSpotify(int userId) {
		this.jdbc.update("insert into spotify_tokens (user_id, refresh_token_encrypted, scope) values (?, 'x', 's')",
				userId);
	}

	protected void checkpoint(int userId, String status, boolean initialSyncDone) {
		this.jdbc.update(
				"insert into sync_checkpoints (user_id, status, initial_sync_completed_at) values (?, ?, ?) "
						+ "on conflict (user_id) do update set status = excluded.status",
				userId, status, initialSyncDone ? Timestamp.from(Instant.now()) : null);
	}

	protected int insertTrack(String spotifyId) {
		return this.jdbc.queryForObject("insert into tracks (spotify_id, name) values (?, ?) returning id",
				Integer.class, spotifyId, "Track " + spotifyId);
	}

	protected void insertPlay(int userId, int trackId, Instant playedAt) {
		this.jdbc.update(
				"insert into plays (played_at, user_id, track_id, ms_played, source) values (?, ?, ?, 180000, 1)",
				Timestamp.from(playedAt), userId, trackId);
		// what the writers of plays do after writing them
		this.jdbc.queryForList("select apply_plays_to_rollups(?, ?, ?)", userId, Timestamp.from(playedAt),
				Timestamp.from(playedAt));
	}

}
