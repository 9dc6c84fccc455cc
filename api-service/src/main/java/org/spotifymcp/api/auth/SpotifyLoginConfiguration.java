package org.spotifymcp.api.auth;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.api.me.ListenerSession;
import org.spotifymcp.shared.apps.SpotifyAppInvites;
import org.spotifymcp.shared.apps.SpotifyApps;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
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
 * session. The client registrations ({@link SpotifyAppRegistrations}: the default app of
 * {@link SpotifyProperties} and one per {@code spotify_apps} row) point at the configured
 * accounts host, so the same code talks to Spotify or to the emulator. An invite link
 * ({@code /auth/login?invite=...}, {@link InviteLogins}) runs the login against its app.
 */
@Configuration(proxyBeanMethods = false)
class SpotifyLoginConfiguration {

	static final String LOGIN_PATH = "/auth/login";

	private static final Logger logger = LoggerFactory.getLogger(SpotifyLoginConfiguration.class);

	@Bean
	ClientRegistrationRepository spotifyClientRegistrations(SpotifyProperties spotify, SpotifyApps apps) {
		if (spotify.redirectUriUsesLocalhost()) {
			logger.warn("SPOTIFY_REDIRECT_URI {} uses 'localhost', which Spotify refuses: use "
					+ "http://127.0.0.1:PORT/auth/callback (and register exactly that URI in the Spotify dashboard)",
					spotify.redirectUri());
		}
		if (!isConfigured(spotify)) {
			logger.warn("SPOTIFY_CLIENT_ID is not set: /auth/login answers 503 until it is (or set SPOTIFY_DEMO=true "
					+ "with the emulator's demo credentials)");
		}
		return new SpotifyAppRegistrations(spotify, apps);
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
			SpotifyTokenStore tokens, JobQueue jobs, PlatformTransactionManager transactionManager, SpotifyApps apps,
			SpotifyAppInvites invites, DataSource dataSource, PlaylistLedger playlists) throws Exception {
		SpotifyLoginStore store = new SpotifyLoginStore(users, checkpoints, tokens, jobs,
				new TransactionTemplate(transactionManager), apps, invites);
		String publicBase = publicBaseUrl(operations);
		http.securityMatcher("/auth", "/auth/**")
			.addFilterBefore(new AuthRateLimitFilter(operations.rateLimitAuthPerMinute(), pages), CsrfFilter.class)
			.addFilterBefore(notConfiguredGuard(spotify, pages), CsrfFilter.class)
			.addFilterBefore(new InviteLogins(invites, pages), CsrfFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.oauth2Login((login) -> login.loginPage("/auth")
				.authorizationEndpoint((endpoint) -> endpoint.baseUri(LOGIN_PATH)
					.authorizationRequestResolver(
							new PlaylistScopeUpgrade(playlists).around(loginResolver(registrations, apps))))
				.redirectionEndpoint((endpoint) -> endpoint.baseUri("/auth/callback"))
				.userInfoEndpoint((userInfo) -> userInfo.userService(
						new SpotifyLoginUserService(spotifyClient, spotify, apps, new JdbcTemplate(dataSource))))
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
	 * path), through the app of the invite the browser brought, else the app of the
	 * signed-in listener (a reconnect from {@code /me}), else the default app.
	 */
	private static OAuth2AuthorizationRequestResolver loginResolver(ClientRegistrationRepository registrations,
			SpotifyApps apps) {
		DefaultOAuth2AuthorizationRequestResolver delegate = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, LOGIN_PATH);
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				if (request.getRequestURI().equals(request.getContextPath() + LOGIN_PATH)) {
					return delegate.resolve(request, SpotifyAppRegistrations.registrationId(appFor(request, apps)));
				}
				return delegate.resolve(request);
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
				return delegate.resolve(request, clientRegistrationId);
			}

		};
	}

	private static Integer appFor(HttpServletRequest request, SpotifyApps apps) {
		Optional<InviteLogins.Pending> invite = InviteLogins.pending(request);
		if (invite.isPresent()) {
			return invite.get().appId();
		}
		Integer listener = ListenerSession.userId(request);
		return (listener != null) ? apps.forUser(listener).appId() : null;
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
		return SpotifyAppRegistrations.isConfigured(spotify);
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
