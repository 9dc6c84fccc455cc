package org.spotifymcp.shared.crypto;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The RSA keys that sign MCP OAuth access tokens, in {@code oauth_signing_keys}: the
 * private half Fernet-encrypted with {@code TOKEN_ENCRYPTION_KEY}. The newest key signs;
 * older keys stay so tokens they signed still verify after a rotation. Used by the API
 * service and by the {@code rotate-oauth-key} operator command.
 */
public final class OAuthSigningKeys {

	/** Serialises key creation across instances that start at the same moment. */
	private static final long CREATE_LOCK = 0x0A17_5167L;

	private OAuthSigningKeys() {
	}

	/**
	 * Adds a new signing key, which becomes the current one.
	 * @param connection an open connection; the caller commits
	 * @param cipher encrypts the private key
	 * @return the new key's id
	 */
	public static String add(Connection connection, TokenCipher cipher) throws SQLException {
		KeyPair pair = generate();
		String kid = UUID.randomUUID().toString();
		try (PreparedStatement insert = connection.prepareStatement(
				"insert into oauth_signing_keys (kid, public_key, private_key_encrypted, created_at) values (?, ?, ?, ?)")) {
			insert.setString(1, kid);
			insert.setString(2, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
			insert.setString(3, cipher.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())));
			insert.setObject(4, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
			insert.executeUpdate();
		}
		return kid;
	}

	/**
	 * Creates the first key unless one exists; two instances starting together create one
	 * key between them.
	 * @param connection an open connection in a transaction the caller commits
	 * @param cipher encrypts the private key
	 */
	public static void ensureOne(Connection connection, TokenCipher cipher) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("select pg_advisory_xact_lock(" + CREATE_LOCK + ")");
			try (ResultSet any = statement.executeQuery("select 1 from oauth_signing_keys limit 1")) {
				if (any.next()) {
					return;
				}
			}
		}
		add(connection, cipher);
	}

	/**
	 * Reads every key, newest (the signing key) first.
	 * @param connection an open connection
	 * @param cipher decrypts the private keys
	 * @return the keys, newest first
	 */
	public static List<SigningKey> load(Connection connection, TokenCipher cipher) throws SQLException {
		List<SigningKey> keys = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select kid, public_key, private_key_encrypted, created_at from oauth_signing_keys "
							+ "order by created_at desc, kid")) {
			while (rows.next()) {
				String kid = rows.getString(1);
				try {
					KeyFactory rsa = KeyFactory.getInstance("RSA");
					RSAPublicKey publicKey = (RSAPublicKey) rsa
						.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rows.getString(2))));
					RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
							new PKCS8EncodedKeySpec(Base64.getDecoder().decode(cipher.decrypt(rows.getString(3)))));
					keys.add(new SigningKey(kid, publicKey, privateKey,
							rows.getObject(4, java.time.OffsetDateTime.class).toInstant()));
				}
				catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException ex) {
					throw new IllegalStateException("oauth_signing_keys row " + kid + " cannot be read: " + ex, ex);
				}
			}
		}
		return keys;
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One signing key.
	 *
	 * @param kid the key id carried in token headers
	 * @param publicKey verifies
	 * @param privateKey signs
	 * @param createdAt when it was added
	 */
	public record SigningKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey, Instant createdAt) {

	}

}
