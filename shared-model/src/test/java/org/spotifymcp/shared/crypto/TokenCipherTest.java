package org.spotifymcp.shared.crypto;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTest {

	private static final String KEY = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

	/** Made by Python: {@code Fernet(KEY).encrypt('AQD-refresh-token-äöü'.encode())}. */
	private static final String PYTHON_TOKEN = "gAAAAABrAonZYwcVAD-z16zwi_mGrv9hFXnZhteXzNGx0p-zapcFGHR5VxJXGAbZSSUiEfGhp4CGHcDct2CAX8oAGtQ0El_wM8FivmjhInYsz0ZxrQ8nYTo=";

	/** A key made by Python's {@code Fernet.generate_key()} and a token it encrypted. */
	private static final String PYTHON_KEY = "xr1n7ZIGaqVTg_al2_lFn8-tTCedjJ9YCpF6VZuwQlw=";

	private static final String PYTHON_TOKEN_UNDER_PYTHON_KEY = "gAAAAABrAonZLQBEuHWZbVhd57MI-uFtC64fSjBM44-Ge18L-5alJFqxHFvKKGIwK3N6-NQPwlR-bF-nl5HZGvEbmdq9hrqBKG1MQdXHTAn-wWwKNJhygok=";

	@Test
	void decryptsATokenMadeByPythonCryptography() {
		assertThat(TokenCipher.fromKeyList(KEY).decrypt(PYTHON_TOKEN)).isEqualTo("AQD-refresh-token-äöü");
		assertThat(TokenCipher.fromKeyList(PYTHON_KEY).decrypt(PYTHON_TOKEN_UNDER_PYTHON_KEY))
			.isEqualTo("second key secret");
	}

	@Test
	void roundTripsAndUsesAFreshIvEveryTime() {
		TokenCipher cipher = TokenCipher.fromKeyList(KEY);
		String first = cipher.encrypt("secret");
		String second = cipher.encrypt("secret");
		assertThat(first).isNotEqualTo(second).startsWith("gAAAAA");
		assertThat(cipher.decrypt(first)).isEqualTo("secret");
		assertThat(cipher.decrypt(second)).isEqualTo("secret");
		assertThat(Base64.getUrlDecoder().decode(first)[0]).isEqualTo((byte) 0x80);
	}

	@Test
	void firstKeyEncryptsAndEveryKeyDecrypts() {
		TokenCipher old = TokenCipher.fromKeyList(KEY);
		String oldToken = old.encrypt("made before rotation");
		TokenCipher rotated = TokenCipher.fromKeyList(PYTHON_KEY + ", " + KEY);
		assertThat(rotated.keyCount()).isEqualTo(2);
		assertThat(rotated.decrypt(oldToken)).isEqualTo("made before rotation");
		String reencrypted = rotated.reencrypt(oldToken);
		assertThat(TokenCipher.fromKeyList(PYTHON_KEY).decrypt(reencrypted)).isEqualTo("made before rotation");
		assertThatThrownBy(() -> old.decrypt(reencrypted)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void tamperedTokensAreRejected() {
		TokenCipher cipher = TokenCipher.fromKeyList(KEY);
		byte[] raw = Base64.getUrlDecoder().decode(cipher.encrypt("secret"));
		for (int position : new int[] { 0, 5, 20, 30, raw.length - 1 }) {
			byte[] tampered = raw.clone();
			tampered[position] ^= 0x01;
			String token = Base64.getUrlEncoder().encodeToString(tampered);
			assertThatThrownBy(() -> cipher.decrypt(token)).as("byte %d flipped", position)
				.isInstanceOf(InvalidTokenException.class)
				.hasMessageNotContaining(KEY);
		}
	}

	@Test
	void aTokenUnderAnotherKeyIsRejected() {
		String token = TokenCipher.fromKeyList(PYTHON_KEY).encrypt("x");
		assertThatThrownBy(() -> TokenCipher.fromKeyList(KEY).decrypt(token)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("signature");
	}

	@Test
	void generatedKeysAreUsableAndPythonShaped() {
		String key = FernetKey.generate(new SecureRandom());
		assertThat(key).hasSize(44).endsWith("=").matches("[A-Za-z0-9_\\-]+=");
		TokenCipher cipher = TokenCipher.fromKeyList(key);
		assertThat(cipher.decrypt(cipher.encrypt("ok"))).isEqualTo("ok");
	}

	@Test
	void badKeysAreNamed() {
		assertThatThrownBy(() -> TokenCipher.fromKeyList("")).isInstanceOf(InvalidTokenKeyException.class)
			.hasMessageContaining("not set");
		assertThatThrownBy(() -> TokenCipher.fromKeyList(KEY + ",tooshort"))
			.isInstanceOf(InvalidTokenKeyException.class)
			.hasMessageContaining("entry 2 of 2");
		assertThatThrownBy(() -> TokenCipher.fromKeyList("not base64 !!")).isInstanceOf(InvalidTokenKeyException.class)
			.hasMessageContaining("base64");
	}

}
