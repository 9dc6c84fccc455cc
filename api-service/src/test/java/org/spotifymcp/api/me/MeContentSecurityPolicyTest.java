package org.spotifymcp.api.me;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The listener pages' CSP lets pictures load from the configured image origins only, and
 * a setting that is no origin stops the service with a message naming it.
 */
class MeContentSecurityPolicyTest {

	@Test
	void picturesComeFromThisOriginAndTheImageOriginsOnly() {
		assertThat(MeSecurityConfiguration.contentSecurityPolicy("https://i.scdn.co"))
			.contains("img-src 'self' https://i.scdn.co;")
			.contains("script-src 'self';")
			.doesNotContain("https:;")
			.doesNotContain("data:");
		assertThat(MeSecurityConfiguration.contentSecurityPolicy("https://i.scdn.co, http://127.0.0.1:9000"))
			.contains("img-src 'self' https://i.scdn.co http://127.0.0.1:9000;");
		assertThat(MeSecurityConfiguration.contentSecurityPolicy(" ")).contains("img-src 'self';");
	}

	@Test
	void aSettingThatIsNoOriginIsNamed() {
		for (String wrong : new String[] { "https:", "*", "https://i.scdn.co/image", "i.scdn.co" }) {
			assertThatThrownBy(() -> MeSecurityConfiguration.contentSecurityPolicy(wrong)).as(wrong)
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("app.me.image-origins")
				.hasMessageContaining("'" + wrong + "'");
		}
	}

}
