package org.spotifymcp.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes, access tokens and refresh tokens the emulator issued, with the app
 * that obtained them, their scopes, expiry and revocation state.
 */
final class TokenRegistry {

	static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

	/**
	 * Since June 2026 a refresh token works for six months after the user's consent;
	 * refreshing does not extend it.
	 */
	static final Period REFRESH_TOKEN_LIFETIME = Period.ofMonths(6);

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final Map<String, Code> codes = new ConcurrentHashMap<>();

	private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();

	private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();

	private final Set<String> everIssued = ConcurrentHashMap.newKeySet();

	/** Told after every change to access or refresh tokens, to save the state. */
	private final Runnable changed;

	TokenRegistry(Clock clock, Runnable changed) {
		this.clock = clock;
		this.changed = changed;
	}

	String newCode(String userId, String clientId, String redirectUri, String scope, String challenge) {
		String code = "AQ" + randomText(96);
		this.codes.put(code, new Code(userId, clientId, redirectUri, scope, challenge,
				this.clock.instant().plus(CODE_LIFETIME), new java.util.concurrent.atomic.AtomicBoolean()));
		this.everIssued.add(code);
		return code;
	}

	Optional<Code> code(String code) {
		return Optional.ofNullable((code != null) ? this.codes.get(code) : null);
	}

	/** Tokens for a fresh consent: the refresh token's six months start now. */
	IssuedTokens issue(String userId, String clientId, String scope, Duration lifetime, boolean publicClient) {
		String access = "BQ" + randomText(120);
		String refresh = "AQ" + randomText(120);
		Instant now = this.clock.instant();
		this.accessTokens.put(access, new Access(userId, clientId, scope, now.plus(lifetime)));
		this.refreshTokens.put(refresh, new Refresh(userId, clientId, scope, publicClient, false, now));
		this.everIssued.add(access);
		this.everIssued.add(refresh);
		this.changed.run();
		return new IssuedTokens(access, refresh, scope, lifetime);
	}

	/**
	 * A new access token for an existing refresh token, optionally rotating it; a rotated
	 * token keeps the consent time of the one it replaces.
	 */
	IssuedTokens refresh(String refreshToken, Duration lifetime, boolean rotate) {
		Refresh grant = this.refreshTokens.get(refreshToken);
		String access = "BQ" + randomText(120);
		this.accessTokens.put(access,
				new Access(grant.userId(), grant.clientId(), grant.scope(), this.clock.instant().plus(lifetime)));
		this.everIssued.add(access);
		String newRefresh = null;
		if (rotate) {
			newRefresh = "AQ" + randomText(120);
			this.refreshTokens.put(newRefresh, grant);
			this.refreshTokens.put(refreshToken, grant.asRevoked());
			this.everIssued.add(newRefresh);
		}
		this.changed.run();
		return new IssuedTokens(access, newRefresh, grant.scope(), lifetime);
	}

	Optional<Access> access(String token) {
		return Optional.ofNullable((token != null) ? this.accessTokens.get(token) : null);
	}

	Optional<Refresh> refreshGrant(String token) {
		return Optional.ofNullable((token != null) ? this.refreshTokens.get(token) : null);
	}

	void revokeRefresh(String token) {
		this.refreshTokens.computeIfPresent(token, (key, grant) -> grant.asRevoked());
		this.changed.run();
	}

	int revokeRefreshTokensOf(String userId) {
		int[] count = { 0 };
		this.refreshTokens.replaceAll((token, grant) -> {
			if (grant.userId().equals(userId) && !grant.revoked) {
				count[0]++;
				return grant.asRevoked();
			}
			return grant;
		});
		this.changed.run();
		return count[0];
	}

	void expireAccessTokens() {
		Instant past = this.clock.instant().minusSeconds(1);
		this.accessTokens
			.replaceAll((token, access) -> new Access(access.userId(), access.clientId(), access.scope(), past));
		this.changed.run();
	}

	/**
	 * The latest consent of every user to every app, by the refresh tokens that are not
	 * revoked: when it was given and when its refresh tokens stop working.
	 */
	List<Consent> consents() {
		Map<List<String>, Consent> latest = new LinkedHashMap<>();
		for (Refresh grant : this.refreshTokens.values()) {
			if (grant.revoked()) {
				continue;
			}
			Consent consent = new Consent(grant.userId(), grant.clientId(), grant.consentedAt(), grant.expiresAt());
			latest.merge(List.of(grant.userId(), grant.clientId()), consent,
					(a, b) -> a.consentedAt().isAfter(b.consentedAt()) ? a : b);
		}
		List<Consent> sorted = new ArrayList<>(latest.values());
		sorted.sort(Comparator.comparing(Consent::userId).thenComparing(Consent::clientId));
		return sorted;
	}

	/**
	 * Access tokens for a saved state. Those expired for more than a day are left out: a
	 * client that still holds one refreshes either way, and the file stays small however
	 * long the demo runs.
	 */
	List<EmulatorState.AccessToken> accessTokensToKeep() {
		Instant oldest = this.clock.instant().minus(Duration.ofDays(1));
		return this.accessTokens.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().expiresAt().isAfter(oldest))
			.map((entry) -> new EmulatorState.AccessToken(entry.getKey(), entry.getValue().userId(),
					entry.getValue().scope(), entry.getValue().expiresAt(), entry.getValue().clientId()))
			.toList();
	}

	List<EmulatorState.RefreshToken> refreshTokensToKeep() {
		return this.refreshTokens.entrySet()
			.stream()
			.map((entry) -> new EmulatorState.RefreshToken(entry.getKey(), entry.getValue().userId(),
					entry.getValue().scope(), entry.getValue().publicClient(), entry.getValue().revoked(),
					entry.getValue().clientId(), entry.getValue().consentedAt()))
			.toList();
	}

	/**
	 * Takes back the tokens of a saved state, without saving again. Tokens saved before
	 * the emulator knew apps and consent times belong to the default app and count as
	 * consented at the save, as Spotify started the six months of existing tokens when it
	 * introduced the expiry.
	 */
	void restore(EmulatorState state, String defaultClientId) {
		for (EmulatorState.AccessToken token : state.accessTokens()) {
			String clientId = (token.clientId() != null) ? token.clientId() : defaultClientId;
			this.accessTokens.put(token.token(),
					new Access(token.userId(), clientId, token.scope(), token.expiresAt()));
			this.everIssued.add(token.token());
		}
		for (EmulatorState.RefreshToken token : state.refreshTokens()) {
			String clientId = (token.clientId() != null) ? token.clientId() : defaultClientId;
			Instant consentedAt = (token.consentedAt() != null) ? token.consentedAt() : state.now();
			this.refreshTokens.put(token.token(), new Refresh(token.userId(), clientId, token.scope(),
					token.publicClient(), token.revoked(), consentedAt));
			this.everIssued.add(token.token());
		}
	}

	/** Every code and token ever handed out, for "never logged" assertions. */
	List<String> everIssued() {
		return List.copyOf(this.everIssued);
	}

	private String randomText(int bytes) {
		byte[] buffer = new byte[bytes * 3 / 4];
		this.random.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
	}

	/** The instant a refresh token consented at {@code consentedAt} stops working. */
	static Instant refreshExpiry(Instant consentedAt) {
		return consentedAt.atOffset(ZoneOffset.UTC).plus(REFRESH_TOKEN_LIFETIME).toInstant();
	}

	record Code(String userId, String clientId, String redirectUri, String scope, String challenge, Instant expiresAt,
			java.util.concurrent.atomic.AtomicBoolean used) {
	}

	record Access(String userId, String clientId, String scope, Instant expiresAt) {

		boolean hasScope(String wanted) {
			if (this.scope == null) {
				return false;
			}
			for (String granted : this.scope.split(" ")) {
				if (granted.equals(wanted)) {
					return true;
				}
			}
			return false;
		}

	}

	record Refresh(String userId, String clientId, String scope, boolean publicClient, boolean revoked,
			Instant consentedAt) {

		Refresh asRevoked() {
			return new Refresh(this.userId, this.clientId, this.scope, this.publicClient, true, this.consentedAt);
		}

		Instant expiresAt() {
			return refreshExpiry(this.consentedAt);
		}

	}

}
