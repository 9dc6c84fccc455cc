package org.spotifymcp.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Encrypts Spotify tokens at rest. Holds one or more Fernet keys, as listed in
 * {@code TOKEN_ENCRYPTION_KEY} (comma separated): the first encrypts, every key decrypts,
 * so keys can be rotated without losing stored tokens.
 */
public final class TokenCipher {

	private final List<FernetKey> keys;

	private final Clock clock;

	private final SecureRandom random;

	TokenCipher(List<FernetKey> keys, Clock clock, SecureRandom random) {
		if (keys.isEmpty()) {
			throw new InvalidTokenKeyException("no key is configured");
		}
		this.keys = List.copyOf(keys);
		this.clock = clock;
		this.random = random;
	}

	/**
	 * Builds the cipher from the configured key list.
	 * @param keyList comma-separated Fernet keys, the first one encrypts
	 * @return the cipher
	 * @throws InvalidTokenKeyException naming which key is wrong and how to make one
	 */
	public static TokenCipher fromKeyList(String keyList) {
		if (keyList == null || keyList.isBlank()) {
			throw new InvalidTokenKeyException("TOKEN_ENCRYPTION_KEY is not set");
		}
		List<FernetKey> keys = new ArrayList<>();
		String[] parts = keyList.split(",");
		for (int i = 0; i < parts.length; i++) {
			try {
				keys.add(FernetKey.parse(parts[i]));
			}
			catch (InvalidTokenKeyException ex) {
				throw new InvalidTokenKeyException("TOKEN_ENCRYPTION_KEY entry " + (i + 1) + " of " + parts.length
						+ " is invalid: " + ex.getMessage());
			}
		}
		return new TokenCipher(keys, Clock.systemUTC(), new SecureRandom());
	}

	public String encrypt(String plaintext) {
		byte[] iv = new byte[16];
		this.random.nextBytes(iv);
		return Fernet.encrypt(this.keys.get(0), plaintext.getBytes(StandardCharsets.UTF_8), this.clock.instant(), iv);
	}

	public String decrypt(String token) {
		InvalidTokenException last = null;
		for (FernetKey key : this.keys) {
			try {
				return Fernet.decryptToString(key, token, this.clock.instant(), null);
			}
			catch (InvalidTokenException ex) {
				last = ex;
			}
		}
		throw (this.keys.size() == 1) ? last : new InvalidTokenException("token cannot be read with any of the "
				+ this.keys.size() + " configured keys (" + last.getMessage() + ")");
	}

	/**
	 * Re-encrypts a stored token under the first key, for use after a key rotation.
	 * @param token a token readable by any configured key
	 * @return the same plaintext encrypted under the first key
	 */
	public String reencrypt(String token) {
		return encrypt(decrypt(token));
	}

	public int keyCount() {
		return this.keys.size();
	}

}
