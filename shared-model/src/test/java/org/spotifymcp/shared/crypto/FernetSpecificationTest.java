package org.spotifymcp.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The published vectors of the Fernet specification (generate.json, verify.json,
 * invalid.json).
 */
class FernetSpecificationTest {

	private static final String SECRET = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

	private static final String SPEC_TOKEN = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

	private static final byte[] SPEC_IV = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

	@Test
	void generateProducesTheSpecificationToken() {
		String token = Fernet.encrypt(FernetKey.parse(SECRET), "hello".getBytes(StandardCharsets.UTF_8),
				OffsetDateTime.parse("1985-10-26T01:20:00-07:00").toInstant(), SPEC_IV);
		assertThat(token).isEqualTo(SPEC_TOKEN);
	}

	@Test
	void verifyReadsTheSpecificationToken() {
		String plaintext = Fernet.decryptToString(FernetKey.parse(SECRET), SPEC_TOKEN,
				OffsetDateTime.parse("1985-10-26T01:20:01-07:00").toInstant(), Duration.ofSeconds(60));
		assertThat(plaintext).isEqualTo("hello");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({
			"incorrect mac, gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykQUFBQUFBQUFBQQ==, 1985-10-26T01:20:01-07:00",
			"too short, gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPA==, 1985-10-26T01:20:01-07:00",
			"invalid base64, %%%%%%%%%%%%%AECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==, 1985-10-26T01:20:01-07:00",
			"payload size not multiple of block size, gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPOm73QeoCk9uGib28Xe5vz6oxq5nmxbx_v7mrfyudzUm, 1985-10-26T01:20:01-07:00",
			"payload padding error, gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0ODz4LEpdELGQAad7aNEHbf-JkLPIpuiYRLQ3RtXatOYREu2FWke6CnJNYIbkuKNqOhw==, 1985-10-26T01:20:01-07:00",
			"far-future TS (unacceptable clock skew), gAAAAAAdwStRAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAnja1xKYyhd-Y6mSkTOyTGJmw2Xc2a6kBd-iX9b_qXQcw==, 1985-10-26T01:20:01-07:00",
			"expired TTL, gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==, 1985-10-26T01:21:31-07:00",
			"incorrect IV (causes padding error), gAAAAAAdwJ6xBQECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAkLhFLHpGtDBRLRTZeUfWgHSv49TF2AUEZ1TIvcZjK1zQ==, 1985-10-26T01:20:01-07:00" })
	void invalidTokensAreRejected(String description, String token, String now) {
		assertThatThrownBy(() -> Fernet.decrypt(FernetKey.parse(SECRET), token, OffsetDateTime.parse(now).toInstant(),
				Duration.ofSeconds(60)))
			.as(description)
			.isInstanceOf(InvalidTokenException.class);
	}

}
