package org.spotifymcp.api.auth;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.config.OperationsProperties;
import org.spotifymcp.shared.config.SpotifyProperties;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.playlists.PlaylistLedger;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyTokenStore;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spotify login with Spring Security's OAuth2 client: {@code GET /auth/login} redirects
 * to Spotify's consent page (authorization code, PKCE S256 and state),
 * {@code /auth/callback} completes it, {@code POST /auth/logout} ends the browser
 * session. The client registration is built from {@link SpotifyProperties}, so the same
 * code talks to Spotify or to the emulator.
 */
@Configuration(proxyBeanMethods = false)
class SpotifyLoginConfiguration {

	static final String REGISTRATION_ID = "spotify";

	static final String LOGIN_PATH = "/auth/login";

	private static final Logger logger = LoggerFactory.getLogger(SpotifyLoginConfiguration.class);

	@Bean
	ClientRegistrationRepository spotifyClientRegistrations(SpotifyProperties spotify) {
		if (spotify.redirectUriUsesLocalhost()) {
			logger.warn("SPOTIFY_REDIRECT_URI {} uses 'localhost', which Spotify refuses: use "
					+ "http://127.0.0.1:PORT/auth/callback (and register exactly that URI in the Spotify dashboard)",
					spotify.redirectUri());
		}
		if (!isConfigured(spotify)) {
			logger.warn("SPOTIFY_CLIENT_ID is not set: /auth/login answers 503 until it is (or set SPOTIFY_DEMO=true "
					+ "with the emulator's demo credentials)");
		}
		String accounts = trimSlash(spotify.accountsBaseUrl());
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientName("Spotify")
			.clientId(isConfigured(spotify) ? spotify.clientId() : "not-configured")
			.clientSecret(spotify.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(spotify.redirectUri())
			.scope(Arrays.stream(spotify.scopes().split("[\\s,]+")).filter((scope) -> !scope.isBlank()).toList())
			.authorizationUri(accounts + "/authorize")
			.tokenUri(accounts + "/api/token")
			.userInfoUri(trimSlash(spotify.apiBaseUrl()) + "/v1/me")
			.userNameAttributeName("id")
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
			.build();
		return new InMemoryClientRegistrationRepository(registration);
	}

	@Bean
	AuthPages authPages(SpotifyProperties spotify) {
		return new AuthPages(spotify);
	}

	@Bean
	@Order(50)
	SecurityFilterChain spotifyLoginSecurityFilterChain(HttpSecurity http, SpotifyProperties spotify,
			OperationsProperties operations, ClientRegistrationRepository registrations, AuthPages pages,
			SpotifyClient spotifyClient, UserRepository users, SyncCheckpointRepository checkpoints,
			SpotifyTokenStore tokens, JobQueue jobs, PlatformTransactionManager transactionManager,
			PlaylistLedger playlists) throws Exception {
		SpotifyLoginStore store = new SpotifyLoginStore(users, checkpoints, tokens, jobs,
				new TransactionTemplate(transactionManager));
		String publicBase = publicBaseUrl(operations);
		http.securityMatcher("/auth", "/auth/**")
			.addFilterBefore(new AuthRateLimitFilter(operations.rateLimitAuthPerMinute(), pages), CsrfFilter.class)
			.addFilterBefore(notConfiguredGuard(spotify, pages), CsrfFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.oauth2Login((login) -> login.loginPage("/auth")
				.authorizationEndpoint((endpoint) -> endpoint.baseUri(LOGIN_PATH)
					.authorizationRequestResolver(
							new PlaylistScopeUpgrade(playlists).around(loginResolver(registrations))))
				.redirectionEndpoint((endpoint) -> endpoint.baseUri("/auth/callback"))
				.userInfoEndpoint(
						(userInfo) -> userInfo.userService(new SpotifyLoginUserService(spotifyClient, spotify)))
				.authorizedClientRepository(store)
				.successHandler((request, response, authentication) -> response
					.sendRedirect(LoginContinuation.target(request, publicBase + "/auth/connected")))
				.failureHandler(new LoginFailurePages(pages)))
			.logout((logout) -> logout.logoutUrl("/auth/logout").logoutSuccessUrl(publicBase + "/auth/logged-out"))
			.headers((headers) -> headers
				.contentSecurityPolicy(
						(csp) -> csp.policyDirectives(AuthPages.contentSecurityPolicy(origin(publicBase))))
				.frameOptions((frame) -> frame.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/**
	 * {@code /auth/login} itself starts the Spotify login (no registration id in the
	 * path).
	 */
	private static OAuth2AuthorizationRequestResolver loginResolver(ClientRegistrationRepository registrations) {
		DefaultOAuth2AuthorizationRequestResolver delegate = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, LOGIN_PATH);
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				if (request.getRequestURI().equals(request.getContextPath() + LOGIN_PATH)) {
					return delegate.resolve(request, REGISTRATION_ID);
				}
				return delegate.resolve(request);
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
				return delegate.resolve(request, clientRegistrationId);
			}

		};
	}

	/**
	 * Without a client id the flow cannot work: say so instead of sending people to an
	 * error at Spotify.
	 */
	private static OncePerRequestFilter notConfiguredGuard(SpotifyProperties spotify, AuthPages pages) {
		boolean configured = isConfigured(spotify);
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				if (!configured && (path.equals(LOGIN_PATH) || path.equals("/auth/callback"))) {
					response.setStatus(503);
					response.setContentType("text/html;charset=UTF-8");
					response.getWriter()
						.write(pages.problem("Spotify login is not configured",
								"Set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (or run the demo) and restart."));
					return;
				}
				chain.doFilter(request, response);
			}

		};
	}

	/**
	 * Where browsers are sent after login and logout: the configured public base URL,
	 * never the request's Host or X-Forwarded-Host, which a client can choose.
	 */
	static String publicBaseUrl(OperationsProperties operations) {
		String base = operations.apiBaseUrl();
		if (base == null || base.isBlank()) {
			throw new IllegalStateException("API_BASE_URL is not set: the login pages need the API's public base URL, "
					+ "e.g. http://127.0.0.1:8000 or https://YOUR_DOMAIN");
		}
		URI uri;
		try {
			uri = URI.create(base.strip());
		}
		catch (IllegalArgumentException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null
				|| !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
			throw new IllegalStateException("API_BASE_URL must be an absolute http(s) URL, got '" + base + "'");
		}
		return trimSlash(base.strip());
	}

	private static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	private static boolean isConfigured(SpotifyProperties spotify) {
		return spotify.clientId() != null && !spotify.clientId().isBlank();
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
