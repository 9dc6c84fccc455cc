package org.spotifymcp.api.auth;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.config.OperationsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Login and logout redirects are built from {@code API_BASE_URL}; a value that cannot be
 * one stops the service at start with a message naming the setting.
 */
class PublicBaseUrlTest {

	@Test
	void aTrailingSlashIsDropped() {
		assertThat(SpotifyLoginConfiguration.publicBaseUrl(settings(" https://music.example.com/ ")))
			.isEqualTo("https://music.example.com");
		assertThat(SpotifyLoginConfiguration.publicBaseUrl(settings("http://127.0.0.1:8000")))
			.isEqualTo("http://127.0.0.1:8000");
	}

	@Test
	void aValueThatIsNoAbsoluteHttpUrlIsRefusedByName() {
		for (String bad : List.of("", "music.example.com", "/auth", "ftp://music.example.com", "http://exa mple")) {
			assertThatIllegalStateException().as(bad)
				.isThrownBy(() -> SpotifyLoginConfiguration.publicBaseUrl(settings(bad)))
				.withMessageContaining("API_BASE_URL");
		}
	}

	private static OperationsProperties settings(String apiBaseUrl) {
		return new OperationsProperties(90, 10, 60, List.of(), apiBaseUrl, null, null);
	}

}
