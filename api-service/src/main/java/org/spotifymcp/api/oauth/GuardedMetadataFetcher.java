package org.spotifymcp.api.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches client metadata documents without becoming a request forwarder into private
 * networks: {@code https} only, every address the host resolves to must be public (no
 * loopback, private, link-local, unique-local or multicast), no redirects, 5 seconds, at
 * most 64 KB.
 */
final class GuardedMetadataFetcher implements ClientMetadataDocuments.MetadataSource {

	static final int MAX_BYTES = 64 * 1024;

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Override
	public byte[] fetch(URI url) throws IOException {
		if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getRawUserInfo() != null) {
			throw new IllegalArgumentException("a client metadata URL must be https://host/...");
		}
		checkPublic(url.getHost());
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(
					HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json").GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("answered HTTP " + response.statusCode());
			}
			byte[] bytes = body.readNBytes(MAX_BYTES + 1);
			if (bytes.length > MAX_BYTES) {
				throw new IOException("is larger than " + MAX_BYTES + " bytes");
			}
			return bytes;
		}
	}

	/** Refuses hosts that resolve to any non-public address. */
	static void checkPublic(String host) throws UnknownHostException {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		for (InetAddress address : InetAddress.getAllByName(bare)) {
			if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
					|| address.isLinkLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)
					|| isSharedOrReserved(address)) {
				throw new IllegalArgumentException("client metadata host " + host + " resolves to a non-public address "
						+ address.getHostAddress());
			}
		}
	}

	private static boolean isUniqueLocal(InetAddress address) {
		return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
	}

	/** 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8, which Java does not flag. */
	private static boolean isSharedOrReserved(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != 4) {
			return false;
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		return first == 0 || (first == 100 && second >= 64 && second <= 127);
	}

}
