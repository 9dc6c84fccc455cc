package org.spotifymcp.shared.spotify;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.alerts.AlertNotifier;
import org.spotifymcp.shared.consent.SpotifyConsents;
import org.spotifymcp.shared.crypto.TokenCipher;
import org.spotifymcp.shared.sync.CheckpointStatus;
import org.spotifymcp.shared.sync.SyncCheckpoint;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.SpotifyToken;
import org.spotifymcp.shared.users.SpotifyTokenRepository;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps users' Spotify tokens in {@code spotify_tokens}, encrypted with the
 * {@link TokenCipher}, and flags users whose refresh token Spotify refused as
 * {@code reauth_required} in {@code sync_checkpoints}. Each login is a new Spotify
 * consent, whose six months {@link SpotifyConsents} keeps.
 */
public class SpotifyTokenStore {

	private static final Logger logger = LoggerFactory.getLogger(SpotifyTokenStore.class);

	private final SpotifyTokenRepository tokens;

	private final SyncCheckpointRepository checkpoints;

	private final TokenCipher cipher;

	private final TransactionTemplate transactions;

	private final UserRepository users;

	private final AlertNotifier alerts;

	private final SpotifyConsents consents;

	public SpotifyTokenStore(SpotifyTokenRepository tokens, SyncCheckpointRepository checkpoints, TokenCipher cipher,
			PlatformTransactionManager transactionManager, UserRepository users, AlertNotifier alerts,
			SpotifyConsents consents) {
		this.tokens = tokens;
		this.checkpoints = checkpoints;
		this.cipher = cipher;
		this.transactions = new TransactionTemplate(transactionManager);
		this.users = users;
		this.alerts = alerts;
		this.consents = consents;
	}

	/**
	 * Stores the tokens of a fresh login (a new consent: its six months start now) and
	 * makes sure the user has a sync checkpoint; a user who had to reconnect is ready to
	 * sync again, and the coverage gap of an expired consent closes.
	 * @param userId the user
	 * @param accessToken the access token
	 * @param refreshToken the refresh token
	 * @param accessTokenExpiresAt when the access token expires
	 * @param scope granted scopes
	 */
	public void saveLogin(int userId, String accessToken, String refreshToken, Instant accessTokenExpiresAt,
			String scope) {
		this.transactions.executeWithoutResult((status) -> {
			SpotifyToken token = this.tokens.findById(userId).orElseGet(() -> new SpotifyToken(userId));
			token.store(this.cipher.encrypt(refreshToken), this.cipher.encrypt(accessToken), accessTokenExpiresAt,
					scope);
			this.tokens.saveAndFlush(token);
			SyncCheckpoint checkpoint = this.checkpoints.findById(userId).orElseGet(() -> new SyncCheckpoint(userId));
			if (checkpoint.getStatus() == CheckpointStatus.REAUTH_REQUIRED) {
				checkpoint.moveTo(CheckpointStatus.IDLE);
			}
			this.checkpoints.save(checkpoint);
			this.consents.consented(userId);
		});
	}

	/** The decrypted tokens of a user, if any are stored. */
	public Optional<StoredTokens> load(int userId) {
		return this.tokens.findById(userId)
			.map((token) -> new StoredTokens(userId,
					(token.getAccessTokenEncrypted() != null) ? this.cipher.decrypt(token.getAccessTokenEncrypted())
							: null,
					this.cipher.decrypt(token.getRefreshTokenEncrypted()), token.getAccessTokenExpiresAt(),
					token.getScope(), token.getStatus() == SpotifyToken.Status.REVOKED));
	}

	/**
	 * Stores a refreshed access token, and the new refresh token when Spotify rotated it.
	 * @param newRefreshToken the rotated refresh token, or {@code null} to keep the old
	 * one
	 */
	void saveRefreshed(int userId, String accessToken, Instant expiresAt, String newRefreshToken, String scope) {
		this.transactions.executeWithoutResult((status) -> {
			SpotifyToken token = this.tokens.findById(userId)
				.orElseThrow(() -> new IllegalStateException("no Spotify token stored for user " + userId));
			String refresh = (newRefreshToken != null) ? this.cipher.encrypt(newRefreshToken)
					: token.getRefreshTokenEncrypted();
			token.store(refresh, this.cipher.encrypt(accessToken), expiresAt,
					(scope != null && !scope.isBlank()) ? scope : token.getScope());
			this.tokens.save(token);
		});
	}

	/**
	 * Records that Spotify refused the user's refresh token: the token is marked revoked
	 * and the checkpoint {@code reauth_required}, so polling stops until the user
	 * connects again. A refusal because the six-month consent ended is recorded as that
	 * expiry instead (coverage gap; the consent watch sends its one alert).
	 * @param userId the user
	 * @param spotifyReason Spotify's {@code error_description}, e.g. "Refresh token
	 * expired", or {@code null}
	 */
	public void markReauthRequired(int userId, String spotifyReason) {
		boolean consentEnded = (spotifyReason != null
				&& spotifyReason.toLowerCase(java.util.Locale.ROOT).contains("expired"))
				|| this.consents.hasEnded(userId);
		if (consentEnded) {
			this.consents.expired(userId);
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			this.tokens.findById(userId).ifPresent((token) -> {
				token.revoke();
				this.tokens.save(token);
			});
			SyncCheckpoint checkpoint = this.checkpoints.findById(userId).orElseGet(() -> new SyncCheckpoint(userId));
			checkpoint.moveTo(CheckpointStatus.REAUTH_REQUIRED);
			this.checkpoints.save(checkpoint);
		});
		logger.warn("Spotify refused the refresh token of user {}: marked reauth_required until they connect again",
				userId);
		this.alerts.tokenRevoked(userId, this.users.findById(userId).map(User::getSpotifyUserId).orElse(null));
	}

	/**
	 * A user's decrypted tokens. {@link #toString()} hides them.
	 *
	 * @param userId the user
	 * @param accessToken the access token, may be absent
	 * @param refreshToken the refresh token
	 * @param accessTokenExpiresAt expiry of the access token, may be absent
	 * @param scope granted scopes
	 * @param revoked whether Spotify refused the refresh token
	 */
	public record StoredTokens(int userId, String accessToken, String refreshToken, Instant accessTokenExpiresAt,
			String scope, boolean revoked) {

		@Override
		public String toString() {
			return "StoredTokens[userId=" + this.userId + ", expiresAt=" + this.accessTokenExpiresAt + ", revoked="
					+ this.revoked + "]";
		}

	}

}
