package org.spotifymcp.api.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which redirect URIs a client may register and how a requested one matches a registered
 * one: {@code https://} URIs and {@code http://} loopback ({@code 127.0.0.1},
 * {@code [::1]}, {@code localhost}), optionally narrowed to the hosts of
 * {@code MCP_OAUTH_REDIRECT_ALLOWLIST}. Matching is exact, except that a loopback URI may
 * name any port (RFC 8252 section 7.3: native apps pick a free port per sign-in).
 */
final class RedirectUris {

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "::1", "localhost");

	private final List<String> allowlist;

	RedirectUris(List<String> allowlist) {
		this.allowlist = allowlist;
	}

	/**
	 * Why a URI may not be registered.
	 * @param uri the URI a client wants to register
	 * @return the reason, empty when it is acceptable
	 */
	Optional<String> refusal(String uri) {
		URI parsed;
		try {
			parsed = new URI(uri);
		}
		catch (URISyntaxException ex) {
			return Optional.of("redirect URI " + uri + " is not a valid URI");
		}
		if (!parsed.isAbsolute() || parsed.getHost() == null) {
			return Optional.of("redirect URI " + uri + " must be absolute with a host");
		}
		if (parsed.getRawFragment() != null) {
			return Optional.of("redirect URI " + uri + " must not have a fragment");
		}
		String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
		String host = parsed.getHost().toLowerCase(Locale.ROOT);
		if (scheme.equals("http") && !LOOPBACK.contains(host)) {
			return Optional.of("redirect URI " + uri + " uses http: only https or http on 127.0.0.1, [::1] or "
					+ "localhost is allowed");
		}
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return Optional.of("redirect URI " + uri + " must use https (or http on a loopback address)");
		}
		if (!this.allowlist.isEmpty() && !this.allowlist.contains(host)) {
			return Optional.of("redirect URI host " + host + " is not in MCP_OAUTH_REDIRECT_ALLOWLIST");
		}
		return Optional.empty();
	}

	/**
	 * Whether a redirect URI sent to the authorization endpoint names a registered one.
	 * @param requested the {@code redirect_uri} parameter
	 * @param registered the client's registered URIs
	 * @return whether they match
	 */
	boolean matches(String requested, Collection<String> registered) {
		if (registered.contains(requested)) {
			return true;
		}
		URI asked = parse(requested);
		if (asked == null || !isLoopbackHttp(asked)) {
			return false;
		}
		return registered.stream().map(RedirectUris::parse).filter(Objects::nonNull).anyMatch((candidate) -> {
			return isLoopbackHttp(candidate) && candidate.getHost().equalsIgnoreCase(asked.getHost())
					&& Objects.equals(candidate.getRawPath(), asked.getRawPath())
					&& Objects.equals(candidate.getRawQuery(), asked.getRawQuery());
		});
	}

	private static boolean isLoopbackHttp(URI uri) {
		return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
				&& LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT)) && uri.getRawFragment() == null;
	}

	private static URI parse(String uri) {
		try {
			return new URI(uri);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
