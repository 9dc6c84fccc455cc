package org.spotifymcp.collector.catalog;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.collector.polling.HandDrivenCollectorTest;
import org.spotifymcp.collector.polling.UserPoller;
import org.spotifymcp.emulator.Catalog;
import org.spotifymcp.emulator.EmulatorSettings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The artist-details task against the emulator (2026 semantics: genres often absent,
 * batch {@code /artists} gone): it fills genres and images of played artists from the
 * single-artist endpoint, marks artists Spotify gives no genres as asked and leaves them
 * alone for the retry period, and sends nothing while the request budget is low or the
 * app is paused.
 */
class ArtistDetailsTest extends HandDrivenCollectorTest {

	private static final String ARTIST_CALLS = "/v1/artists/{id}";

	/**
	 * The counts of calls asserted here must not include repeats: a database of its own
	 * (the task reads with the first usable listener's token, and listeners of other
	 * tests may hold tokens the emulator no longer takes), and a read timeout a busy test
	 * machine does not reach (a timed-out call is retried).
	 */
	@DynamicPropertySource
	static void exactCallCounts(DynamicPropertyRegistry registry) {
		registry.add("app.artist-details.batch-size", () -> "10");
		registry.add("app.spotify.client.read-timeout", () -> "10s");
	}

	@Autowired
	UserPoller poller;

	@Autowired
	ArtistDetailsFiller filler;

	@AfterEach
	void budgetAndAppBack() {
		this.jdbc.update("UPDATE spotify_request_budget SET tokens = 1000, refilled_at = clock_timestamp()");
		this.jdbc.update("DELETE FROM spotify_app_pauses");
	}

	@Test
	void fillsPlayedArtistsOnceAndAsksAgainOnlyAfterTheRetryPeriod() {
		List<String> artists = played("details-fill");
		// one artist without genres, one without pictures, as Spotify has many of both
		String noGenres = artists.get(0);
		String noImage = artists.get(1);
		emulator.changeArtist(noGenres, List.of(), true);
		emulator.changeArtist(noImage, List.of("k-pop", "city pop"), false);
		long due = dueCount();
		long calls = emulator.requestCount(ARTIST_CALLS);

		long asked = fillUntilDone();

		assertThat(asked).isEqualTo(due);
		assertThat(emulator.requestCount(ARTIST_CALLS) - calls).isEqualTo(due);
		assertThat(emulator.requestCount("/v1/artists")).as("the batch endpoint is gone").isZero();
		for (String id : artists) {
			Catalog.Artist truth = emulator.catalog().artist(id).orElseThrow();
			Map<String, Object> row = row(id);
			assertThat(row.get("genres")).as(id).isEqualTo(truth.genres());
			assertThat(row.get("image_url") != null).as(id).isEqualTo(truth.hasImages());
			assertThat(row.get("details_checked_at")).as(id).isNotNull();
		}
		assertThat(row(noGenres).get("genres")).as("asked, none given: an empty list, not NULL").isEqualTo(List.of());
		assertThat(row(noImage).get("genres")).isEqualTo(List.of("k-pop", "city pop"));
		assertThat(row(noImage).get("image_url")).isNull();
		assertThat(artists.stream().filter((id) -> !emulator.catalog().artist(id).orElseThrow().genres().isEmpty()))
			.allSatisfy((id) -> assertThat((List<?>) row(id).get("genres")).isNotEmpty());

		// within the retry period nothing is asked again, however often the task runs
		calls = emulator.requestCount(ARTIST_CALLS);
		emulator.advance(Duration.ofDays(29));
		assertThat(fillUntilDone()).isZero();
		assertThat(emulator.requestCount(ARTIST_CALLS)).isEqualTo(calls);

		// after it, only artists that lacked genres or an image are asked again; Spotify
		// now has genres for one of them
		Map<String, Object> firstAsked = row(noImage);
		emulator.changeArtist(noGenres, List.of("shoegaze"), true);
		emulator.advance(Duration.ofDays(2));
		Instant retried = emulator.now();
		long retriedCount = fillUntilDone();
		assertThat(emulator.requestCount(ARTIST_CALLS) - calls).isEqualTo(retriedCount);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM artists WHERE details_checked_at = ? AND spotify_id NOT LIKE 'local:%'",
				Long.class, Timestamp.from(retried)))
			.isEqualTo(retriedCount);
		for (String id : artists) {
			Map<String, Object> row = row(id);
			boolean complete = !((List<?>) row.get("genres")).isEmpty() && row.get("image_url") != null
					&& !id.equals(noGenres);
			assertThat(((Timestamp) row.get("details_checked_at")).toInstant().equals(retried)).as(id)
				.isEqualTo(!complete);
		}
		assertThat(row(noGenres).get("genres")).isEqualTo(List.of("shoegaze"));
		assertThat(row(noImage).get("genres")).as("genres once known stay").isEqualTo(firstAsked.get("genres"));
		assertThat(artists.stream()
			.filter((id) -> !id.equals(noGenres) && !id.equals(noImage))
			.filter((id) -> ((Timestamp) row(id).get("details_checked_at")).toInstant().isBefore(retried)))
			.as("complete artists are not asked again")
			.isNotEmpty();
	}

	@Test
	void asksNothingWhileTheBudgetIsLowOrTheAppIsPaused() {
		List<String> artists = played("details-budget");
		long calls = emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID);

		// polls have spent the cluster budget: the task leaves it to them
		this.jdbc.update("UPDATE spotify_request_budget SET tokens = -1000, refilled_at = clock_timestamp()");
		ArtistDetailsFiller.Run starved = this.filler.fill();
		assertThat(starved.asked()).isZero();
		assertThat(starved.stoppedBecause()).isEqualTo("request budget low");

		// the budget is back but Spotify paused the app (QUOTA_EXCEEDED)
		this.jdbc.update("UPDATE spotify_request_budget SET tokens = 1000, refilled_at = clock_timestamp()");
		this.jdbc.update(
				"INSERT INTO spotify_app_pauses (client_id, paused_until, paused_at, reason) VALUES (?, ?, ?, 'test')",
				EmulatorSettings.DEMO_CLIENT_ID, Timestamp.from(emulator.now().plus(Duration.ofHours(1))),
				Timestamp.from(emulator.now()));
		ArtistDetailsFiller.Run paused = this.filler.fill();
		assertThat(paused.asked()).isZero();
		assertThat(paused.stoppedBecause()).contains("paused");

		assertThat(emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID)).isEqualTo(calls);
		assertThat(artists).allSatisfy((id) -> assertThat(row(id).get("details_checked_at")).isNull());

		this.jdbc.update("DELETE FROM spotify_app_pauses");
		assertThat(fillUntilDone()).isGreaterThanOrEqualTo(artists.size());
		assertThat(artists).allSatisfy((id) -> assertThat(row(id).get("details_checked_at")).isNotNull());
	}

	@Test
	void exportOnlyArtistsAreFoundThroughATrackOfTheirs() {
		this.listeners.connect("details-export");
		// as an import stores them: the track under its Spotify id, the artist by name
		// only
		Catalog.Track track = emulator.catalog()
			.tracks()
			.stream()
			.filter((t) -> !t.artist().genres().isEmpty() && t.artist().hasImages())
			.filter((t) -> this.jdbc.queryForObject(
					"SELECT count(*) FROM artists WHERE lower(name) = lower(?) OR spotify_id = ?", Long.class,
					t.artist().name(), t.artist().id()) == 0)
			.findFirst()
			.orElseThrow();
		long n = System.nanoTime();
		int exportArtist = exportOnly("local:artist:" + n, track.artist().name(), track.id());
		// one whose tracks have no Spotify id either (account-data records)
		int nameOnly = exportOnly("local:artist:name-only-" + n, "Nameless " + n, "local:" + n);
		long trackCalls = emulator.requestCount("/v1/tracks/{id}");

		fillUntilDone();

		assertThat(emulator.requestCount("/v1/tracks/{id}") - trackCalls).isOne();
		Map<String, Object> found = row(track.artist().id());
		assertThat(found.get("genres")).isEqualTo(track.artist().genres());
		assertThat(found.get("image_url")).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT name FROM artists WHERE spotify_id = ?", String.class,
				track.artist().id()))
			.isEqualTo(track.artist().name());
		for (int tried : List.of(exportArtist, nameOnly)) {
			assertThat(this.jdbc.queryForObject("SELECT details_checked_at FROM artists WHERE id = ?", Timestamp.class,
					tried))
				.isNotNull();
		}
		assertThat(this.jdbc.queryForObject("SELECT genres IS NULL FROM artists WHERE id = ?", Boolean.class,
				exportArtist))
			.as("its genres are the Spotify artist's")
			.isTrue();
		assertThat(this.jdbc.queryForObject("SELECT genres = '{}' FROM artists WHERE id = ?", Boolean.class, nameOnly))
			.as("nothing Spotify can say: asked, no genres")
			.isTrue();
		assertThat(fillUntilDone()).isZero();
		assertThat(emulator.requestCount("/v1/tracks/{id}") - trackCalls).isOne();
	}

	private int exportOnly(String artistKey, String name, String trackKey) {
		int artist = this.jdbc.queryForObject("INSERT INTO artists (spotify_id, name) VALUES (?, ?) RETURNING id",
				Integer.class, artistKey, name);
		int track = this.jdbc.queryForObject("INSERT INTO tracks (spotify_id, name) VALUES (?, 'Song') RETURNING id",
				Integer.class, trackKey);
		this.jdbc.update("INSERT INTO track_artists (track_id, position, artist_id) VALUES (?, 0, ?)", track, artist);
		return artist;
	}

	/** A listener plays on the emulator and is polled; returns the artists played. */
	private List<String> played(String spotifyId) {
		int user = this.listeners.connect(spotifyId);
		this.listeners.listen(spotifyId, emulator.now().minus(Duration.ofHours(2)), 30, Duration.ofMinutes(3));
		assertThat(this.poller.poll(user, "test", () -> false).stops()).isFalse();
		List<String> artists = this.jdbc.queryForList("SELECT DISTINCT a.spotify_id FROM plays p"
				+ " JOIN track_artists ta ON ta.track_id = p.track_id JOIN artists a ON a.id = ta.artist_id"
				+ " WHERE p.user_id = ? ORDER BY 1", String.class, user);
		assertThat(artists).hasSizeGreaterThan(3);
		return artists;
	}

	/** Runs the task until it finds nothing left to ask; returns the artists asked. */
	private long fillUntilDone() {
		long asked = 0;
		for (int run = 0; run < 1000; run++) {
			ArtistDetailsFiller.Run result = this.filler.fill();
			assertThat(result.stoppedBecause()).isNull();
			if (result.asked() == 0 && result.exportArtists() == 0) {
				return asked;
			}
			asked += result.asked();
		}
		throw new AssertionError("the task never finished");
	}

	private long dueCount() {
		return this.jdbc.queryForObject("SELECT count(*) FROM artists WHERE details_checked_at IS NULL"
				+ " AND spotify_id ~ '^[0-9A-Za-z]{22}$'", Long.class);
	}

	private Map<String, Object> row(String spotifyId) {
		return this.jdbc
			.query("SELECT genres, image_url, details_checked_at FROM artists WHERE spotify_id = ?", (rs, i) -> {
				java.sql.Array genres = rs.getArray(1);
				Map<String, Object> row = new java.util.HashMap<>();
				row.put("genres", (genres != null) ? Arrays.asList((Object[]) genres.getArray()) : null);
				row.put("image_url", rs.getString(2));
				row.put("details_checked_at", rs.getTimestamp(3));
				return row;
			}, spotifyId)
			.get(0);
	}

}
