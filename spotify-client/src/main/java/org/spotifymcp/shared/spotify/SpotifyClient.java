package org.spotifymcp.shared.spotify;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.spotifymcp.shared.apps.SpotifyAppCredentials;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.config.SpotifyProperties;

/**
 * Entry point to the Spotify Web API (or the emulator: base URLs come from
 * {@link SpotifyProperties}).
 *
 * <pre>
 * SpotifyCallStats stats = new SpotifyCallStats();
 * RecentlyPlayed page = spotifyClient.forUser(userId, stats).recentlyPlayed(50, lastPlayedAt, null);
 * jobRun.stats().putAll(stats.asMap()); // retries, rate_limited, ...
 * </pre>
 */
public class SpotifyClient {

	private final SpotifyProperties spotify;

	private final SpotifyClientProperties properties;

	private final SpotifyTokenStore store;

	private final Clock clock;

	private final MeterRegistry meters;

	private final SpotifyHttp http;

	private final SpotifyRetries retries;

	private final SpotifyAccounts accounts;

	private final SpotifyAppPauses pauses;

	private final SpotifyApps apps;

	public SpotifyClient(SpotifyProperties spotify, SpotifyClientProperties properties, SpotifyTokenStore store,
			Clock clock, MeterRegistry meters, SpotifyAppPauses pauses, SpotifyApps apps) {
		this.spotify = spotify;
		this.properties = properties;
		this.store = store;
		this.clock = clock;
		this.meters = meters;
		this.http = new SpotifyHttp(properties);
		this.retries = new SpotifyRetries(properties, meters);
		this.accounts = new SpotifyAccounts(this.http, spotify);
		this.pauses = pauses;
		this.apps = apps;
	}

	/**
	 * The pause of the Spotify app a user's calls go through, if one runs now: callers
	 * that would only fail can wait without a job run.
	 * @param userId the user, whose app ({@link SpotifyApps#forUser}) may be paused
	 * @return the running pause
	 */
	public java.util.Optional<SpotifyAppPauses.Pause> appPauseFor(int userId) {
		return this.pauses.current(this.apps.forUser(userId).clientId());
	}

	/**
	 * The API for a stored user: tokens are read from and written back to
	 * {@code spotify_tokens}.
	 * @param userId the user's id in our database
	 * @param stats where this job counts requests, retries and rate limits
	 * @return the API
	 */
	public SpotifyUserApi forUser(int userId, SpotifyCallStats stats) {
		// the user's app: its credentials refresh the token, its pause gates every call
		SpotifyAppCredentials app = this.apps.forUser(userId);
		AppGate gate = new AppGate(this.pauses, app.clientId());
		AccessTokens tokens = new StoredUserTokens(userId, this.store, this.accounts, this.clock,
				this.properties.refreshSkew(), stats, this.meters, app, gate);
		return new SpotifyUserApi(this.spotify.apiBaseUrl(), this.http, this.retries, tokens, stats, gate);
	}

	/**
	 * The API with a bare access token of the default app; see
	 * {@link #withAccessToken(String, SpotifyCallStats, SpotifyAppCredentials)}.
	 */
	public SpotifyUserApi withAccessToken(String accessToken, SpotifyCallStats stats) {
		return withAccessToken(accessToken, stats, this.apps.defaultApp());
	}

	/**
	 * The API with a bare access token (e.g. right after the OAuth code exchange); a 401
	 * is final since there is nothing to refresh.
	 * @param app the app that issued the token, whose pause gates the calls
	 */
	public SpotifyUserApi withAccessToken(String accessToken, SpotifyCallStats stats, SpotifyAppCredentials app) {
		AccessTokens tokens = new AccessTokens() {

			@Override
			public String current() {
				return accessToken;
			}

			@Override
			public String afterRejection(String rejected) {
				throw new SpotifyApiException(SpotifyApiException.Kind.UNAUTHORIZED, 401,
						"Spotify refused the access token");
			}

		};
		return new SpotifyUserApi(this.spotify.apiBaseUrl(), this.http, this.retries, tokens, stats,
				new AppGate(this.pauses, app.clientId()));
	}

}
