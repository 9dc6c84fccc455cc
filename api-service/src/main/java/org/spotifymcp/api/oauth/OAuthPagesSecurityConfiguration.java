package org.spotifymcp.api.oauth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The chains around the authorization server: the sign-in and consent pages (browser
 * session of the listener, CSRF-protected forms) and the open discovery and registration
 * endpoints (stateless, callable from any origin's scripts as metadata is public).
 */
@Configuration(proxyBeanMethods = false)
class OAuthPagesSecurityConfiguration {

	@Bean
	@Order(11)
	SecurityFilterChain oauthPagesSecurityFilterChain(HttpSecurity http,
			HttpSessionSecurityContextRepository listenerContexts) throws Exception {
		http.securityMatcher(SignInEntryPoint.SIGN_IN, SignInEntryPoint.SIGN_IN + "/**",
				AuthorizationServerConfiguration.CONSENT_PAGE)
			.securityContext((context) -> context.securityContextRepository(listenerContexts))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(AuthorizationServerConfiguration.CONSENT_PAGE)
				.authenticated()
				.anyRequest()
				.permitAll())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SignInEntryPoint.SIGN_IN)));
		return http.build();
	}

	@Bean
	@Order(12)
	SecurityFilterChain oauthDiscoverySecurityFilterChain(HttpSecurity http) throws Exception {
		// the authorization server's chain matches its endpoints by method (POST
		// /oauth2/token,
		// ...), so CORS preflights of those endpoints land here
		http.securityMatcher("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/**",
				ClientRegistrationController.PATH, "/.well-known/oauth-authorization-server", "/oauth2/token",
				"/oauth2/revoke", "/oauth2/jwks")
			.csrf((csrf) -> csrf.disable())
			.cors((cors) -> cors.configurationSource(OAuthCors.openEndpoints()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

}
