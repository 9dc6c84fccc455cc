package org.spotifymcp.api.oauth;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The SSRF guard of client metadata documents refuses before connecting: no plain http,
 * no credentials in the URL, and no host that is or resolves to a non-public address.
 */
class GuardedMetadataFetcherTest {

	private final GuardedMetadataFetcher fetcher = new GuardedMetadataFetcher();

	@Test
	void refusesEverythingButHttpsToPublicAddresses() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.fetcher.fetch(URI.create("http://client.example/meta.json")))
			.withMessageContaining("https://");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.fetcher.fetch(URI.create("https://user:pw@client.example/meta.json")));
		for (String host : new String[] { "127.0.0.1", "localhost", "[::1]", "10.0.0.5", "172.16.3.4", "192.168.1.1",
				"169.254.169.254", "100.64.1.1", "0.0.0.0", "[fd00::1]", "[fe80::1]", "224.0.0.1" }) {
			assertThatIllegalArgumentException().as(host)
				.isThrownBy(() -> this.fetcher.fetch(URI.create("https://" + host + "/meta.json")))
				.withMessageContaining("non-public address");
		}
	}

}
