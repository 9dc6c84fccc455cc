package org.spotifymcp.shared.spotify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.spotifymcp.shared.apps.SpotifyAppCredentials;

/**
 * The stored tokens of one user: refreshed shortly before expiry or after a 401, a
 * rotated refresh token is kept, and a refused refresh token flags the user
 * {@code reauth_required} once, after which calls fail at once without asking Spotify.
 */
final class StoredUserTokens implements AccessTokens {

	private final int userId;

	private final SpotifyTokenStore store;

	private final SpotifyAccounts accounts;

	private final Clock clock;

	private final Duration refreshSkew;

	private final SpotifyCallStats stats;

	private final MeterRegistry meters;

	private final AppGate gate;

	private final SpotifyAppCredentials app;

	private SpotifyTokenStore.StoredTokens tokens;

	StoredUserTokens(int userId, SpotifyTokenStore store, SpotifyAccounts accounts, Clock clock, Duration refreshSkew,
			SpotifyCallStats stats, MeterRegistry meters, SpotifyAppCredentials app, AppGate gate) {
		this.userId = userId;
		this.store = store;
		this.accounts = accounts;
		this.clock = clock;
		this.refreshSkew = refreshSkew;
		this.stats = stats;
		this.meters = meters;
		this.app = app;
		this.gate = gate;
	}

	@Override
	public synchronized String current() {
		SpotifyTokenStore.StoredTokens known = loaded();
		Instant expiresAt = known.accessTokenExpiresAt();
		if (known.accessToken() == null || expiresAt == null
				|| !this.clock.instant().plus(this.refreshSkew).isBefore(expiresAt)) {
			refresh();
		}
		return this.tokens.accessToken();
	}

	@Override
	public synchronized String afterRejection(String rejected) {
		if (this.tokens != null && this.tokens.accessToken() != null && !this.tokens.accessToken().equals(rejected)) {
			return this.tokens.accessToken();
		}
		loaded();
		refresh();
		return this.tokens.accessToken();
	}

	private SpotifyTokenStore.StoredTokens loaded() {
		if (this.tokens == null) {
			this.tokens = this.store.load(this.userId)
				.orElseThrow(() -> new SpotifyApiException(SpotifyApiException.Kind.REAUTH_REQUIRED, 0,
						"user " + this.userId + " has no Spotify tokens; they must connect first"));
		}
		if (this.tokens.revoked()) {
			throw new SpotifyApiException(SpotifyApiException.Kind.REAUTH_REQUIRED, 0,
					"user " + this.userId + " must reconnect Spotify (refresh token revoked)");
		}
		return this.tokens;
	}

	private void refresh() {
		TokenResponse answer;
		// a refresh is a call with the app too: none while the app is paused
		this.gate.check();
		try {
			this.stats.tokenRefresh();
			this.meters.counter("spotify.client.token_refreshes").increment();
			answer = this.accounts.refresh(this.tokens.refreshToken(), this.app);
		}
		catch (SpotifyApiException ex) {
			if (ex.kind() == SpotifyApiException.Kind.REAUTH_REQUIRED) {
				this.store.markReauthRequired(this.userId, ex.reason());
				this.meters.counter("spotify.client.reauth_required").increment();
				this.tokens = new SpotifyTokenStore.StoredTokens(this.userId, null, this.tokens.refreshToken(), null,
						this.tokens.scope(), true);
				throw ex;
			}
			throw this.gate.failed(ex);
		}
		Instant expiresAt = this.clock.instant()
			.plusSeconds((answer.expiresIn() != null) ? answer.expiresIn() : Duration.ofHours(1).toSeconds());
		String rotated = (answer.refreshToken() != null && !answer.refreshToken().isBlank()) ? answer.refreshToken()
				: null;
		this.store.saveRefreshed(this.userId, answer.accessToken(), expiresAt, rotated, answer.scope());
		this.tokens = new SpotifyTokenStore.StoredTokens(this.userId, answer.accessToken(),
				(rotated != null) ? rotated : this.tokens.refreshToken(), expiresAt,
				(answer.scope() != null) ? answer.scope() : this.tokens.scope(), false);
	}

}
