package org.spotifymcp.bench.apimemory;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Users with two years of plays each and one per-user MCP token per user, loaded with
 * COPY: enough for every history tool to have months to read and cache per user.
 */
final class SeededHistory {

	private static final int TRACKS = 20_000;

	private static final int ARTISTS = 2_000;

	private static final int ALBUMS = 4_000;

	private final Random random = new Random(42);

	/**
	 * Loads the users and their plays.
	 * @return one MCP token per user
	 */
	List<String> load(Connection connection, int users, int playsPerUser) throws Exception {
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		StringBuilder rows = new StringBuilder();
		for (int u = 1; u <= users; u++) {
			rows.append(u).append("\tlistener").append(u).append("\tListener ").append(u).append('\t');
			rows.append((u % 3 == 0) ? "Europe/Berlin" : (u % 3 == 1) ? "UTC" : "America/New_York").append('\n');
		}
		copy.copyIn("COPY users (id, spotify_user_id, display_name, time_zone) FROM STDIN", reader(rows));
		rows.setLength(0);
		for (int a = 1; a <= ARTISTS; a++) {
			rows.append(a).append("\tart").append(a).append("\tArtist ").append(a);
			rows.append("\t{genre").append(a % 30).append("}\n");
		}
		copy.copyIn("COPY artists (id, spotify_id, name, genres) FROM STDIN", reader(rows));
		rows.setLength(0);
		for (int a = 1; a <= ALBUMS; a++) {
			rows.append(a).append("\talb").append(a).append("\tAlbum ").append(a).append('\n');
		}
		copy.copyIn("COPY albums (id, spotify_id, name) FROM STDIN", reader(rows));
		rows.setLength(0);
		StringBuilder trackArtists = new StringBuilder();
		for (int t = 1; t <= TRACKS; t++) {
			int album = 1 + (t - 1) / 5;
			rows.append(t).append("\ttrk").append(t).append("\tTrack ").append(t).append('\t').append(album);
			rows.append('\t').append(150_000 + this.random.nextInt(150_000)).append('\n');
			trackArtists.append(t).append("\t0\t").append(1 + (album - 1) % ARTISTS).append('\n');
		}
		copy.copyIn("COPY tracks (id, spotify_id, name, album_id, duration_ms) FROM STDIN", reader(rows));
		copy.copyIn("COPY track_artists (track_id, position, artist_id) FROM STDIN", reader(trackArtists));
		rows.setLength(0);
		Instant now = Instant.now();
		long span = Duration.ofDays(730).toSeconds();
		for (int u = 1; u <= users; u++) {
			int favourites = this.random.nextInt(TRACKS - 500);
			for (int p = 0; p < playsPerUser; p++) {
				long second = now.getEpochSecond() - 60 - (long) (span * this.random.nextDouble());
				int track = (this.random.nextDouble() < 0.5) ? 1 + favourites + this.random.nextInt(500)
						: 1 + this.random.nextInt(TRACKS);
				rows.append(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)).append('\t').append(u);
				rows.append('\t').append(track).append('\t').append(30_000 + this.random.nextInt(250_000));
				rows.append('\t').append((p % 4 == 0) ? 1 : 2).append('\n');
			}
			if (u % 20 == 0 || u == users) {
				copy.copyIn("COPY plays (played_at, user_id, track_id, ms_played, source) FROM STDIN", reader(rows));
				rows.setLength(0);
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT setval(pg_get_serial_sequence('users', 'id'), " + users + ")");
			// what the writers of plays do after writing them: apply them to the rollups
			statement
				.execute("SELECT apply_plays_to_rollups(id, '1970-01-01T00:00:00Z', now()) FROM users ORDER BY id");
			statement.execute("ANALYZE");
		}
		List<String> tokens = new ArrayList<>();
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO mcp_tokens (user_id, name, token_hash, token_prefix) VALUES (?, 'api-memory', ?, ?)")) {
			SecureRandom secure = new SecureRandom();
			for (int u = 1; u <= users; u++) {
				byte[] raw = new byte[32];
				secure.nextBytes(raw);
				String secret = "smcp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
				insert.setInt(1, u);
				insert.setString(2, HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));
				insert.setString(3, secret.substring(0, 12));
				insert.addBatch();
				tokens.add(secret);
			}
			insert.executeBatch();
		}
		return tokens;
	}

	private static StringReader reader(StringBuilder rows) {
		return new StringReader(rows.toString());
	}

}
