package org.spotifymcp.api.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.oauth.OAuthClientQueries;

import org.springframework.dao.DataAccessException;

/**
 * Records when an authorization's access token was last accepted on {@code /mcp}, for the
 * admin's "last used". Writes at most once per
 * {@link OAuthClientQueries#LAST_USE_GRANULARITY} and authorization: this instance skips
 * the database in between, and the conditional update keeps several API instances to the
 * same rate.
 */
final class AccessTokenUses {

	private static final Logger log = LoggerFactory.getLogger(AccessTokenUses.class);

	/** Bounds the memory; forgetting only costs one extra (conditional) update. */
	private static final int MAX_REMEMBERED = 10_000;

	private final OAuthClientQueries clients;

	private final Clock clock;

	private final Map<String, Instant> written = new ConcurrentHashMap<>();

	AccessTokenUses(OAuthClientQueries clients, Clock clock) {
		this.clients = clients;
		this.clock = clock;
	}

	/**
	 * Notes a use of the authorization.
	 * @param authorizationId the authorization whose access token was accepted
	 */
	void accepted(String authorizationId) {
		Instant now = this.clock.instant();
		Instant last = this.written.get(authorizationId);
		if (last != null && now.isBefore(last.plus(OAuthClientQueries.LAST_USE_GRANULARITY))) {
			return;
		}
		if (this.written.size() >= MAX_REMEMBERED) {
			this.written.clear();
		}
		this.written.put(authorizationId, now);
		try {
			this.clients.recordUse(authorizationId, now);
		}
		catch (DataAccessException ex) {
			// "last used" is informational; the call itself goes on
			log.warn("could not record the last use of OAuth authorization {}: {}", authorizationId, ex.getMessage());
		}
	}

}
