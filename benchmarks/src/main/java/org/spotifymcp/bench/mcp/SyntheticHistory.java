package org.spotifymcp.bench.mcp;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The benchmark's listening history: one heavy user (plays over 10 years, skewed towards
 * favourites and recent discoveries) and lighter users, loaded with COPY and applied to
 * the rollups the way the two writers of plays do.
 */
final class SyntheticHistory {

	private static final int TRACKS = 40_000;

	private static final int ARTISTS = 4_000;

	private static final int ALBUMS = 8_000;

	private final Random random = new Random(42);

	void load(Connection connection, int heavyPlays, int lightUsers) throws Exception {
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		StringBuilder users = new StringBuilder();
		users.append("1\theavy\tHeavy Listener\tEurope/Berlin\n");
		for (int u = 2; u <= lightUsers + 1; u++) {
			users.append(u).append("\tlight").append(u).append("\tLight ").append(u).append("\tUTC\n");
		}
		copy.copyIn("COPY users (id, spotify_user_id, display_name, time_zone) FROM STDIN",
				new StringReader(users.toString()));
		StringBuilder artists = new StringBuilder();
		for (int a = 1; a <= ARTISTS; a++) {
			artists.append(a)
				.append("\tart")
				.append(a)
				.append("\tArtist ")
				.append(a)
				.append("\t{genre")
				.append(a % 40)
				.append("}\n");
		}
		// Every tenth artist also exists under an export-only id with a lower-case name.
		for (int a = 1; a <= ARTISTS; a += 10) {
			artists.append(ARTISTS + a)
				.append("\tlocal:artist:")
				.append(a)
				.append("\tartist ")
				.append(a)
				.append("\t\\N\n");
		}
		copy.copyIn("COPY artists (id, spotify_id, name, genres) FROM STDIN", new StringReader(artists.toString()));
		StringBuilder albums = new StringBuilder();
		for (int a = 1; a <= ALBUMS; a++) {
			albums.append(a).append("\talb").append(a).append("\tAlbum ").append(a).append('\n');
		}
		copy.copyIn("COPY albums (id, spotify_id, name) FROM STDIN", new StringReader(albums.toString()));
		StringBuilder tracks = new StringBuilder();
		StringBuilder trackArtists = new StringBuilder();
		for (int t = 1; t <= TRACKS; t++) {
			int album = 1 + (t - 1) / 5;
			int artist = 1 + ((album - 1) % ARTISTS);
			boolean local = artist % 10 == 1 && t % 2 == 0;
			tracks.append(t)
				.append("\ttrk")
				.append(t)
				.append("\tTrack ")
				.append(t)
				.append('\t')
				.append(album)
				.append('\t')
				.append(150_000 + this.random.nextInt(150_000))
				.append('\n');
			trackArtists.append(t).append("\t0\t").append(local ? ARTISTS + artist : artist).append('\n');
			if (t % 7 == 0) {
				trackArtists.append(t).append("\t1\t").append(1 + (artist * 13) % ARTISTS).append('\n');
			}
		}
		copy.copyIn("COPY tracks (id, spotify_id, name, album_id, duration_ms) FROM STDIN",
				new StringReader(tracks.toString()));
		copy.copyIn("COPY track_artists (track_id, position, artist_id) FROM STDIN",
				new StringReader(trackArtists.toString()));
		Instant now = Instant.now();
		copyPlays(copy, 1, heavyPlays, now.minus(Duration.ofDays(3652)), now);
		for (int u = 2; u <= lightUsers + 1; u++) {
			int plays = 1_000 + this.random.nextInt(9_000);
			copyPlays(copy, u, plays, now.minus(Duration.ofDays(180 + this.random.nextInt(900))), now);
		}
		try (Statement statement = connection.createStatement()) {
			// what the writers of plays do after writing them: apply them to the rollups
			statement
				.execute("SELECT apply_plays_to_rollups(id, '1970-01-01T00:00:00Z', now()) FROM users ORDER BY id");
			statement.execute("ANALYZE");
		}
	}

	/**
	 * Plays spread over [from, to) with daily rhythm, sessions and a taste that drifts: a
	 * third from long-time favourites, the rest skewed towards tracks found recently.
	 */
	private void copyPlays(CopyManager copy, int user, int count, Instant from, Instant to) throws Exception {
		double[] gaps = new double[count];
		double sum = 0;
		for (int i = 0; i < count; i++) {
			double gap = -Math.log(1 - this.random.nextDouble());
			gaps[i] = (this.random.nextDouble() < 0.02) ? gap * 40 : gap;
			sum += gaps[i];
		}
		double scale = (to.getEpochSecond() - from.getEpochSecond() - 60.0) / sum;
		double t = from.getEpochSecond();
		StringBuilder batch = new StringBuilder();
		long recentCut = to.minus(Duration.ofDays(30)).getEpochSecond();
		for (int i = 0; i < count; i++) {
			t += Math.max(1, gaps[i] * scale);
			long second = (long) t;
			double progress = (second - from.getEpochSecond()) / (double) (to.getEpochSecond() - from.getEpochSecond());
			int pool = Math.max(2_000, (int) (TRACKS * progress));
			int track;
			if (this.random.nextDouble() < 0.33) {
				track = 1 + (int) (800 * Math.pow(this.random.nextDouble(), 2));
			}
			else {
				track = pool - (int) (pool * Math.pow(this.random.nextDouble(), 3));
				track = Math.max(1, Math.min(TRACKS, track));
			}
			int ms = (this.random.nextDouble() < 0.2) ? this.random.nextInt(60_000)
					: 150_000 + this.random.nextInt(150_000);
			int source = (second >= recentCut) ? 1 : 2;
			batch.append(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC))
				.append('\t')
				.append(user)
				.append('\t')
				.append(track)
				.append('\t')
				.append(ms)
				.append('\t')
				.append(source)
				.append('\n');
			if ((i + 1) % 100_000 == 0 || i == count - 1) {
				copy.copyIn("COPY plays (played_at, user_id, track_id, ms_played, source) FROM STDIN",
						new StringReader(batch.toString()));
				batch.setLength(0);
			}
		}
	}

	static long count(Connection connection, String table) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static void printSizes(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT relname, pg_total_relation_size(oid) AS bytes,"
						+ " (SELECT count(*) FROM plays) AS plays FROM pg_class WHERE relname IN"
						+ " ('plays', 'play_hour_totals', 'play_month_tracks', 'user_track_totals') ORDER BY relname")) {
			while (rs.next()) {
				System.out.printf("  %-18s %8.1f MB  (%.1f bytes per play)%n", rs.getString(1), rs.getLong(2) / 1e6,
						rs.getLong(2) / (double) rs.getLong(3));
			}
		}
		for (String table : List.of("play_hour_totals", "play_month_tracks", "user_track_totals")) {
			System.out.printf("  %-18s %,d rows%n", table, count(connection, table));
		}
	}

	static String issueToken(Connection connection, int user) throws Exception {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		String secret = "smcp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		try (var statement = connection.prepareStatement(
				"INSERT INTO mcp_tokens (user_id, name, token_hash, token_prefix) VALUES (?, 'bench', ?, ?)")) {
			statement.setInt(1, user);
			statement.setString(2, hash);
			statement.setString(3, secret.substring(0, 12));
			statement.executeUpdate();
		}
		return secret;
	}

}
