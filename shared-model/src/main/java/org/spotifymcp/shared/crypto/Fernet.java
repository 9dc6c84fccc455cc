package org.spotifymcp.shared.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The Fernet token format (https://github.com/fernet/spec): version 0x80, 64-bit
 * timestamp, 128-bit IV, AES-128-CBC ciphertext with PKCS#7 padding and an HMAC-SHA256
 * over all of it, url-safe base64 encoded. Interoperates with Python's
 * {@code cryptography.fernet.Fernet}.
 */
public final class Fernet {

	private static final byte VERSION = (byte) 0x80;

	private static final int HEADER_BYTES = 1 + 8 + 16;

	private static final int HMAC_BYTES = 32;

	private static final int BLOCK_BYTES = 16;

	private static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

	private Fernet() {
	}

	public static String encrypt(FernetKey key, byte[] plaintext, Instant now, byte[] iv) {
		if (iv.length != BLOCK_BYTES) {
			throw new IllegalArgumentException("the IV must have 16 bytes");
		}
		byte[] ciphertext = aes(true, key, iv, plaintext);
		ByteBuffer body = ByteBuffer.allocate(HEADER_BYTES + ciphertext.length + HMAC_BYTES);
		body.put(VERSION).putLong(now.getEpochSecond()).put(iv).put(ciphertext);
		byte[] signed = Arrays.copyOf(body.array(), HEADER_BYTES + ciphertext.length);
		body.put(hmac(key, signed));
		return Base64.getUrlEncoder().encodeToString(body.array());
	}

	/**
	 * Verifies and decrypts a token.
	 * @param key the key the token was made with
	 * @param token the token text
	 * @param now the current time, for the clock-skew and TTL checks
	 * @param ttl the maximum age, or {@code null} for tokens that never expire
	 * @return the plaintext
	 * @throws InvalidTokenException when the token is not valid under this key
	 */
	public static byte[] decrypt(FernetKey key, String token, Instant now, Duration ttl) {
		byte[] data = decodeBase64(token);
		if (data.length < HEADER_BYTES + BLOCK_BYTES + HMAC_BYTES) {
			throw new InvalidTokenException("token is too short");
		}
		if (data[0] != VERSION) {
			throw new InvalidTokenException("token has an unknown version");
		}
		int signedLength = data.length - HMAC_BYTES;
		byte[] expectedMac = hmac(key, Arrays.copyOf(data, signedLength));
		byte[] actualMac = Arrays.copyOfRange(data, signedLength, data.length);
		if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(expectedMac, actualMac)) {
			throw new InvalidTokenException("token signature does not match (wrong key or tampered token)");
		}
		long timestamp = ByteBuffer.wrap(data, 1, 8).getLong();
		Instant issuedAt = Instant.ofEpochSecond(timestamp);
		if (issuedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
			throw new InvalidTokenException("token timestamp is too far in the future");
		}
		if (ttl != null && issuedAt.plus(ttl).isBefore(now)) {
			throw new InvalidTokenException("token has expired");
		}
		int ciphertextLength = signedLength - HEADER_BYTES;
		if (ciphertextLength % BLOCK_BYTES != 0) {
			throw new InvalidTokenException("token payload is not a whole number of blocks");
		}
		byte[] iv = Arrays.copyOfRange(data, 9, HEADER_BYTES);
		return aes(false, key, iv, Arrays.copyOfRange(data, HEADER_BYTES, signedLength));
	}

	public static String decryptToString(FernetKey key, String token, Instant now, Duration ttl) {
		return new String(decrypt(key, token, now, ttl), StandardCharsets.UTF_8);
	}

	private static byte[] decodeBase64(String token) {
		if (token == null) {
			throw new InvalidTokenException("token is missing");
		}
		String text = token.trim();
		if (!text.matches("[A-Za-z0-9_\\-]*={0,2}")) {
			throw new InvalidTokenException("token is not url-safe base64");
		}
		try {
			return Base64.getUrlDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenException("token is not url-safe base64");
		}
	}

	private static byte[] hmac(FernetKey key, byte[] data) {
		HMac mac = new HMac(new SHA256Digest());
		mac.init(new KeyParameter(key.signingKey()));
		mac.update(data, 0, data.length);
		byte[] out = new byte[HMAC_BYTES];
		mac.doFinal(out, 0);
		return out;
	}

	private static byte[] aes(boolean encrypt, FernetKey key, byte[] iv, byte[] input) {
		BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()),
				new PKCS7Padding());
		cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key.encryptionKey()), iv));
		byte[] output = new byte[cipher.getOutputSize(input.length)];
		int length = cipher.processBytes(input, 0, input.length, output, 0);
		try {
			length += cipher.doFinal(output, length);
		}
		catch (CryptoException ex) {
			throw new InvalidTokenException("token payload padding is invalid");
		}
		return Arrays.copyOf(output, length);
	}

}
