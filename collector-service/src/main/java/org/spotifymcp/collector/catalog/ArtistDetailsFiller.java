package org.spotifymcp.collector.catalog;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.collector.polling.SpotifyRequestBudget;
import org.spotifymcp.shared.catalog.ArtistDetailsStore;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyArtist;
import org.spotifymcp.shared.spotify.SpotifyArtistRef;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyImage;
import org.spotifymcp.shared.spotify.SpotifyTrack;
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

	/** Export-only rows looked at per call a run may make. */
	private static final int EXPORT_ROWS_PER_CALL = 10;

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
	 * One run: asks Spotify about up to a batch of artists; capacity left over goes to
	 * finding export-only artists through their tracks.
	 * @return what the run did
	 */
	public Run fill() {
		Instant now = this.clock.instant();
		Instant retryBefore = now.minus(this.properties.retryAfter());
		int batch = this.properties.batchSize();
		List<ArtistDetailsStore.DueArtist> due = this.store.due(retryBefore, batch);
		// marking an export-only artist that needs no call is cheap: look at more of them
		List<ArtistDetailsStore.ExportArtist> exportOnly = (due.size() < batch)
				? this.store.exportOnly(retryBefore, batch * EXPORT_ROWS_PER_CALL) : List.of();
		if (due.isEmpty() && exportOnly.isEmpty()) {
			return new Run(0, 0, 0, null);
		}
		Calls calls = new Calls(tokenUsers(now));
		int asked = 0;
		int withGenres = 0;
		int exportArtists = 0;
		try {
			for (ArtistDetailsStore.DueArtist artist : due) {
				Optional<SpotifyArtist> found = calls.ask((api) -> api.artist(artist.spotifyId()));
				// an id Spotify does not know is stored as asked with nothing found, like
				// an artist without genres, and asked again after the retry period only
				List<String> genres = found.map(SpotifyArtist::genres).orElse(List.of());
				this.store.save(artist.id(), genres, found.map(ArtistDetailsFiller::imageOf).orElse(null),
						this.clock.instant());
				asked++;
				if (!genres.isEmpty()) {
					withGenres++;
				}
				count(found.isEmpty() ? "unknown" : genres.isEmpty() ? "no_genres" : "genres");
			}
			for (ArtistDetailsStore.ExportArtist artist : exportOnly) {
				if (artist.known()) {
					this.store.exportArtistLookedUp(artist.id(), null, null, this.clock.instant());
					exportArtists++;
					continue;
				}
				if (artist.trackSpotifyId() == null) {
					this.store.exportArtistNotFound(artist.id(), this.clock.instant());
					exportArtists++;
					continue;
				}
				if (calls.made() >= batch) {
					break;
				}
				Optional<SpotifyArtistRef> match = calls.ask((api) -> api.track(artist.trackSpotifyId()))
					.flatMap((track) -> sameName(track, artist.name()));
				if (match.isPresent()) {
					this.store.exportArtistLookedUp(artist.id(), match.get().id(), match.get().name(),
							this.clock.instant());
				}
				else {
					this.store.exportArtistNotFound(artist.id(), this.clock.instant());
				}
				exportArtists++;
				count(match.isPresent() ? "export_found" : "export_not_found");
			}
		}
		catch (StopRun stop) {
			return stopped(new Run(asked, withGenres, exportArtists, stop.getMessage()));
		}
		logger.debug("asked Spotify about {} artists, {} with genres", asked, withGenres);
		return new Run(asked, withGenres, exportArtists, null);
	}

	/** The track's artist the export meant: the one of the same name. */
	private static Optional<SpotifyArtistRef> sameName(SpotifyTrack track, String name) {
		return track.artists()
			.stream()
			.filter((ref) -> ref.id() != null && ref.name() != null && ref.name().equalsIgnoreCase(name))
			.findFirst();
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

	/**
	 * The calls of one run: each takes a spare request from the budget, goes out with a
	 * listener's token (the next listener's when a token stopped working), and ends the
	 * run ({@link StopRun}) on anything but an unknown id.
	 */
	private final class Calls {

		private final Iterator<Integer> users;

		private SpotifyUserApi api;

		private int made;

		Calls(Iterator<Integer> users) {
			this.users = users;
		}

		int made() {
			return this.made;
		}

		/**
		 * @return the answer, empty when Spotify does not know the id
		 */
		<T> Optional<T> ask(Function<SpotifyUserApi, T> call) {
			while (true) {
				if (this.api == null) {
					if (!this.users.hasNext()) {
						throw new StopRun("no listener with a usable token, or the Spotify app is paused");
					}
					this.api = ArtistDetailsFiller.this.client.forUser(this.users.next(), new SpotifyCallStats());
				}
				if (!ArtistDetailsFiller.this.budget.tryAcquireSpare()) {
					throw new StopRun("request budget low");
				}
				this.made++;
				try {
					return Optional.of(call.apply(this.api));
				}
				catch (SpotifyApiException ex) {
					if (ex.kind() == SpotifyApiException.Kind.CLIENT_ERROR
							&& (ex.status() == 404 || ex.status() == 400)) {
						return Optional.empty();
					}
					if (ex.kind() == SpotifyApiException.Kind.REAUTH_REQUIRED
							|| ex.kind() == SpotifyApiException.Kind.UNAUTHORIZED) {
						// this listener's token no longer works; another's reads the
						// catalog as well
						this.api = null;
						continue;
					}
					throw new StopRun(ex.kind().name().toLowerCase(Locale.ROOT) + ": " + ex.getMessage());
				}
			}
		}

	}

	/** Ends a run early; the next run goes on where it stopped. */
	private static final class StopRun extends RuntimeException {

		StopRun(String reason) {
			super(reason, null, false, false);
		}

	}

	private Run stopped(Run run) {
		logger.debug("artist details: {} asked, stopped: {}", run.asked(), run.stoppedBecause());
		count("skipped");
		return run;
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
	 * @param exportArtists export-only artists looked up (or found to need no look-up)
	 * @param stoppedBecause why the run stopped before its batch was done, or
	 * {@code null}
	 */
	public record Run(int asked, int withGenres, int exportArtists, String stoppedBecause) {

	}

}
