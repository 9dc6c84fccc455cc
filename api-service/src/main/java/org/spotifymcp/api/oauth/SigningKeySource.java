package org.spotifymcp.api.oauth;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.spotifymcp.shared.crypto.OAuthSigningKeys;
import org.spotifymcp.shared.crypto.TokenCipher;

/**
 * The signing keys from {@code oauth_signing_keys}, shared by every API instance: the
 * first start creates one, {@code rotate-oauth-key} adds a newer one, and each instance
 * re-reads the table once a minute so a rotation reaches all of them.
 */
class SigningKeySource implements JWKSource<SecurityContext> {

	private static final Duration REFRESH = Duration.ofMinutes(1);

	private final DataSource dataSource;

	private final TokenCipher cipher;

	private final Clock clock;

	private final AtomicReference<Loaded> loaded = new AtomicReference<>();

	SigningKeySource(DataSource dataSource, TokenCipher cipher, Clock clock) {
		this.dataSource = dataSource;
		this.cipher = cipher;
		this.clock = clock;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(keys().set());
	}

	/** The id of the key that signs new tokens. */
	String currentKeyId() {
		return keys().set().getKeys().get(0).getKeyID();
	}

	private Loaded keys() {
		Loaded current = this.loaded.get();
		Instant now = this.clock.instant();
		if (current == null || now.isAfter(current.readAt().plus(REFRESH))) {
			current = new Loaded(read(), now);
			this.loaded.set(current);
		}
		return current;
	}

	private JWKSet read() {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				OAuthSigningKeys.ensureOne(connection, this.cipher);
				connection.commit();
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
			List<JWK> keys = OAuthSigningKeys.load(connection, this.cipher)
				.stream()
				.map((key) -> (JWK) new RSAKey.Builder(key.publicKey()).privateKey(key.privateKey())
					.keyID(key.kid())
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256)
					.build())
				.toList();
			return new JWKSet(keys);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the OAuth signing keys cannot be read: " + ex.getMessage(), ex);
		}
	}

	private record Loaded(JWKSet set, Instant readAt) {

	}

}
