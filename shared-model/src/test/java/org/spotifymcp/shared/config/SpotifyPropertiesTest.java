package org.spotifymcp.shared.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpotifyPropertiesTest {

	private static SpotifyProperties withRedirect(String redirectUri, boolean demo) {
		return new SpotifyProperties("id", "secret", redirectUri, "https://accounts.spotify.com",
				"https://api.spotify.com", "user-read-recently-played", List.of(" a ", "", "b"), demo);
	}

	@Test
	void localhostRedirectsAreRecognisedBecauseSpotifyRefusesThem() {
		assertThat(withRedirect("http://localhost:8000/auth/callback", false).redirectUriUsesLocalhost()).isTrue();
		assertThat(withRedirect("http://LOCALHOST/auth/callback", false).redirectUriUsesLocalhost()).isTrue();
		assertThat(withRedirect("http://127.0.0.1:8000/auth/callback", false).redirectUriUsesLocalhost()).isFalse();
		assertThat(withRedirect("https://music.example.org/auth/callback", false).redirectUriUsesLocalhost()).isFalse();
	}

	@Test
	void demoModeIsAnExplicitSwitchAndTheAllowlistIsTrimmed() {
		SpotifyProperties demo = withRedirect("http://127.0.0.1:8000/auth/callback", true);
		assertThat(demo.isDemo()).isTrue();
		assertThat(withRedirect("http://127.0.0.1:8000/auth/callback", false).isDemo()).isFalse();
		assertThat(demo.allowedUserIds()).containsExactly("a", "b");
	}

}
