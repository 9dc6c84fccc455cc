package org.spotifymcp.collector.catalog;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.collector.polling.SpotifyRequestBudget;
import org.spotifymcp.shared.catalog.ArtistDetailsStore;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyArtist;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyImage;
import org.spotifymcp.shared.spotify.SpotifyUserApi;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills genres and images of played artists from Spotify's single-artist endpoint, a few
 * per run. It is the collector's least urgent Spotify work: it asks only while the
 * cluster request budget is well stocked and the app is not paused, never waits for
 * either, and stops at the first sign of trouble, leaving the rest for a later run.
 */
public class ArtistDetailsFiller {

	/** The recurring task on the job engine. */
	public static final String TASK_NAME = "artist-details";

	private static final Logger logger = LoggerFactory.getLogger(ArtistDetailsFiller.class);

	// Any listener's token can read the catalog; one whose polling works is likely valid.
	private static final String TOKEN_USERS = """
			SELECT u.id FROM users u
			  JOIN spotify_tokens t ON t.user_id = u.id AND t.status = 'valid'
			  LEFT JOIN sync_checkpoints c ON c.user_id = u.id
			 WHERE (c.status IS NULL OR c.status NOT IN ('paused', 'reauth_required'))
			   AND (t.reconnect_by IS NULL OR t.reconnect_by > ?)
			 ORDER BY u.id
			 LIMIT 20
			""";

	private final ArtistDetailsStore store;

	private final SpotifyClient client;

	private final SpotifyRequestBudget budget;

	private final JdbcTemplate jdbc;

	private final ArtistDetailsProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	public ArtistDetailsFiller(ArtistDetailsStore store, SpotifyClient client, SpotifyRequestBudget budget,
			JdbcTemplate jdbc, ArtistDetailsProperties properties, Clock clock, MeterRegistry meters) {
		this.store = store;
		this.client = client;
		this.budget = budget;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * One run: asks Spotify about up to a batch of artists.
	 * @return what the run did
	 */
	public Run fill() {
		Instant now = this.clock.instant();
		List<ArtistDetailsStore.DueArtist> due = this.store.due(now.minus(this.properties.retryAfter()),
				this.properties.batchSize());
		if (due.isEmpty()) {
			return new Run(0, 0, null);
		}
		Iterator<Integer> users = tokenUsers(now);
		if (!users.hasNext()) {
			return stopped(0, 0, "no listener with a usable token, or the Spotify app is paused");
		}
		SpotifyUserApi api = this.client.forUser(users.next(), new SpotifyCallStats());
		int asked = 0;
		int withGenres = 0;
		for (ArtistDetailsStore.DueArtist artist : due) {
			SpotifyArtist found = null;
			while (found == null) {
				if (!this.budget.tryAcquireSpare()) {
					return stopped(asked, withGenres, "request budget low");
				}
				try {
					found = api.artist(artist.spotifyId());
				}
				catch (SpotifyApiException ex) {
					if (isUnknownArtist(ex)) {
						break;
					}
					if (isTokenProblem(ex) && users.hasNext()) {
						// this listener's token no longer works; another's reads the
						// catalog as well
						api = this.client.forUser(users.next(), new SpotifyCallStats());
						continue;
					}
					return stopped(asked, withGenres,
							ex.kind().name().toLowerCase(Locale.ROOT) + ": " + ex.getMessage());
				}
			}
			// an id Spotify does not know is stored as asked with nothing found, like an
			// artist without genres, and asked again after the retry period only
			List<String> genres = (found != null) ? found.genres() : List.of();
			this.store.save(artist.id(), genres, (found != null) ? imageOf(found) : null, this.clock.instant());
			asked++;
			if (!genres.isEmpty()) {
				withGenres++;
			}
			count((found == null) ? "unknown" : genres.isEmpty() ? "no_genres" : "genres");
		}
		logger.debug("asked Spotify about {} artists, {} with genres", asked, withGenres);
		return new Run(asked, withGenres, null);
	}

	private static boolean isUnknownArtist(SpotifyApiException ex) {
		return ex.kind() == SpotifyApiException.Kind.CLIENT_ERROR && (ex.status() == 404 || ex.status() == 400);
	}

	private static boolean isTokenProblem(SpotifyApiException ex) {
		return ex.kind() == SpotifyApiException.Kind.REAUTH_REQUIRED
				|| ex.kind() == SpotifyApiException.Kind.UNAUTHORIZED;
	}

	/**
	 * Listeners whose token is usable and whose Spotify app is not paused, checked lazily
	 * as the run needs them.
	 */
	private Iterator<Integer> tokenUsers(Instant now) {
		return this.jdbc.queryForList(TOKEN_USERS, Integer.class, Timestamp.from(now))
			.stream()
			.filter((user) -> this.client.appPauseFor(user).isEmpty())
			.iterator();
	}

	private Run stopped(int asked, int withGenres, String reason) {
		logger.debug("artist details: {} asked, stopped: {}", asked, reason);
		count("skipped");
		return new Run(asked, withGenres, reason);
	}

	private void count(String result) {
		Counter.builder("collector.artist.details")
			.description("Artists asked about on Spotify's single-artist endpoint, by result; skipped = a run that"
					+ " stopped early (budget low, app paused, no token, error)")
			.tag("result", result)
			.register(this.meters)
			.increment();
	}

	/** Spotify lists an artist's images largest first. */
	private static String imageOf(SpotifyArtist artist) {
		return artist.images().stream().map(SpotifyImage::url).filter((url) -> url != null).findFirst().orElse(null);
	}

	/**
	 * What one run did.
	 *
	 * @param asked artists Spotify answered about
	 * @param withGenres of those, artists Spotify gave genres
	 * @param stoppedBecause why the run stopped before its batch was done, or
	 * {@code null}
	 */
	public record Run(int asked, int withGenres, String stoppedBecause) {

	}

}
