package org.spotifymcp.shared.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Fernet key: 32 bytes, url-safe base64 encoded, the first half signs and the second
 * half encrypts. Exactly what Python's {@code Fernet.generate_key()} produces.
 */
public final class FernetKey {

	private static final int KEY_BYTES = 32;

	private final byte[] signingKey;

	private final byte[] encryptionKey;

	private FernetKey(byte[] raw) {
		this.signingKey = Arrays.copyOfRange(raw, 0, 16);
		this.encryptionKey = Arrays.copyOfRange(raw, 16, 32);
	}

	/**
	 * Reads a key as Python's cryptography library writes it.
	 * @param encoded url-safe base64 of 32 bytes (padding optional)
	 * @return the key
	 * @throws InvalidTokenKeyException when the value is not such a key
	 */
	public static FernetKey parse(String encoded) {
		if (encoded == null || encoded.isBlank()) {
			throw new InvalidTokenKeyException("the key is empty");
		}
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(encoded.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenKeyException("the key is not url-safe base64 (" + ex.getMessage() + ")");
		}
		if (raw.length != KEY_BYTES) {
			throw new InvalidTokenKeyException("the key decodes to " + raw.length + " bytes, a Fernet key has 32");
		}
		return new FernetKey(raw);
	}

	/**
	 * Creates a fresh random key.
	 * @param random the source of randomness
	 * @return the url-safe base64 text of a new key, with padding, as Python prints it
	 */
	public static String generate(SecureRandom random) {
		byte[] raw = new byte[KEY_BYTES];
		random.nextBytes(raw);
		return Base64.getUrlEncoder().encodeToString(raw);
	}

	byte[] signingKey() {
		return this.signingKey.clone();
	}

	byte[] encryptionKey() {
		return this.encryptionKey.clone();
	}

}
