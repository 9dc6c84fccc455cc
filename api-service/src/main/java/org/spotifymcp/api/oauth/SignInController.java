package org.spotifymcp.api.oauth;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.spotifymcp.api.auth.LoginContinuation;
import org.spotifymcp.shared.mcptokens.McpTokenService;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a listener signs in during an MCP authorization: with Spotify (the existing
 * {@code /auth/login} flow, allowlist included) or, for an import-only user, by pasting
 * one of their per-user MCP tokens; then the consent page. The signed-in principal's name
 * is our user id, so tokens carry it as {@code sub}.
 */
@RestController
class SignInController {

	static final String LISTENER_ROLE = "ROLE_LISTENER";

	private final HttpSessionSecurityContextRepository contexts;

	private final McpTokenService tokens;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	private final PerAddressLimiter tokenAttempts;

	private final OAuthPages pages = new OAuthPages();

	SignInController(HttpSessionSecurityContextRepository listenerContexts, McpTokenService tokens,
			RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
			OAuthProperties properties) {
		this.contexts = listenerContexts;
		this.tokens = tokens;
		this.clients = clients;
		this.consents = consents;
		this.tokenAttempts = new PerAddressLimiter(properties.registrationsPerMinute());
	}

	@GetMapping(path = SignInEntryPoint.SIGN_IN, produces = MediaType.TEXT_HTML_VALUE)
	String signIn(CsrfToken csrf) {
		return this.pages.signIn(null, csrf.getParameterName(), csrf.getToken());
	}

	@GetMapping(SignInEntryPoint.SIGN_IN + "/spotify")
	void withSpotify(HttpSession session, HttpServletResponse response) throws java.io.IOException {
		LoginContinuation.continueAt(session, SignInEntryPoint.SIGN_IN + "/complete");
		response.sendRedirect("/auth/login");
	}

	@GetMapping(path = SignInEntryPoint.SIGN_IN + "/complete", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> spotifyCompleted(HttpServletRequest request, HttpServletResponse response, CsrfToken csrf) {
		HttpSession session = request.getSession();
		return LoginContinuation.connectedUserId(session)
			.map((userId) -> signedIn(userId, request, response))
			.orElseGet(() -> html(HttpStatus.UNAUTHORIZED, this.pages.signIn("The Spotify sign-in did not complete.",
					csrf.getParameterName(), csrf.getToken())));
	}

	@PostMapping(path = SignInEntryPoint.SIGN_IN + "/token", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> withToken(@RequestParam(name = "token", defaultValue = "") String token,
			HttpServletRequest request, HttpServletResponse response, CsrfToken csrf) {
		OptionalLong wait = this.tokenAttempts.tryAcquire(request.getRemoteAddr());
		if (wait.isPresent()) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After", Long.toString(wait.getAsLong()))
				.contentType(MediaType.TEXT_HTML)
				.body(this.pages.problem("Too many requests",
						"Too many sign-in attempts from your address; wait " + wait.getAsLong() + " seconds."));
		}
		return this.tokens.authenticate(token.strip())
			.map((found) -> signedIn(found.getUserId(), request, response))
			.orElseGet(() -> html(HttpStatus.UNAUTHORIZED, this.pages
				.signIn("That token is not valid (or was revoked).", csrf.getParameterName(), csrf.getToken())));
	}

	@GetMapping(path = AuthorizationServerConfiguration.CONSENT_PAGE, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> consent(@RequestParam("client_id") String clientId,
			@RequestParam(name = "scope", defaultValue = "") String scope, @RequestParam("state") String state,
			Authentication listener, CsrfToken csrf) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			return html(HttpStatus.BAD_REQUEST, this.pages.problem("Unknown client", "No client " + clientId + "."));
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), listener.getName());
		Set<String> approved = (previous != null) ? previous.getScopes() : Set.of();
		Set<String> hosts = new LinkedHashSet<>();
		client.getRedirectUris().forEach((uri) -> hosts.add(URI.create(uri).getHost()));
		List<String> asked = Arrays.stream(scope.split(" ")).filter((s) -> !s.isBlank()).toList();
		return html(HttpStatus.OK, this.pages.consent(client.getClientName(), hosts, asked, approved, clientId, state,
				csrf.getParameterName(), csrf.getToken()));
	}

	private ResponseEntity<String> signedIn(int userId, HttpServletRequest request, HttpServletResponse response) {
		request.changeSessionId();
		SecurityContext context = new SecurityContextImpl(UsernamePasswordAuthenticationToken
			.authenticated(String.valueOf(userId), null, List.of(new SimpleGrantedAuthority(LISTENER_ROLE))));
		this.contexts.saveContext(context, request, response);
		HttpSession session = request.getSession();
		Object resume = session.getAttribute(SignInEntryPoint.RESUME);
		session.removeAttribute(SignInEntryPoint.RESUME);
		if (resume instanceof String location) {
			return ResponseEntity.status(HttpStatus.FOUND).header("Location", location).build();
		}
		return html(HttpStatus.OK, this.pages.signedIn());
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(body);
	}

}
