package org.spotifymcp.api.oauth;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.spotifymcp.shared.config.OperationsProperties;
import org.spotifymcp.shared.crypto.TokenCipher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security's authorization server for MCP clients, on the API's own origin:
 * authorization code with PKCE (S256) and rotating refresh tokens for public clients, JWT
 * access tokens for {@code API_BASE_URL/mcp}. Clients, authorizations, consents and
 * signing keys live in PostgreSQL, so any instance serves any step.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuthProperties.class)
class AuthorizationServerConfiguration {

	/** Session key of the signed-in listener, apart from the Spotify login's context. */
	static final String LISTENER_CONTEXT = AuthorizationServerConfiguration.class.getName() + ".listener";

	static final String CONSENT_PAGE = "/oauth2/consent";

	@Bean
	McpResource mcpResource(OperationsProperties operations) {
		return McpResource.of(operations);
	}

	@Bean
	RedirectUris redirectUris(OAuthProperties properties) {
		return new RedirectUris(properties.redirectAllowlist());
	}

	@Bean
	HttpSessionSecurityContextRepository listenerContexts() {
		HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
		repository.setSpringSecurityContextKey(LISTENER_CONTEXT);
		return repository;
	}

	@Bean
	SigningKeySource signingKeySource(DataSource dataSource, TokenCipher cipher, Clock clock) {
		return new SigningKeySource(dataSource, cipher, clock);
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc,
			ObjectProvider<ClientMetadataDocuments.MetadataSource> metadataSource, RedirectUris redirectUris,
			Clock clock) {
		return new ClientMetadataDocuments(new JdbcRegisteredClientRepository(jdbc),
				metadataSource.getIfAvailable(GuardedMetadataFetcher::new), redirectUris, clock);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(McpResource resource) {
		return AuthorizationServerSettings.builder().issuer(resource.issuer()).build();
	}

	@Bean
	JwtEncoder mcpJwtEncoder(SigningKeySource keys) {
		return new NimbusJwtEncoder(keys);
	}

	@Bean
	OAuth2TokenGenerator<?> mcpTokenGenerator(JwtEncoder encoder, McpResource resource, SigningKeySource keys,
			Clock clock) {
		JwtGenerator jwt = new JwtGenerator(encoder);
		jwt.setJwtCustomizer(new AccessTokens.Claims(resource, keys));
		return new DelegatingOAuth2TokenGenerator(jwt, new AccessTokens.RefreshTokens(clock));
	}

	@Bean
	@Order(10)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
			OAuth2TokenGenerator<?> tokens, McpResource resource, RedirectUris redirectUris,
			HttpSessionSecurityContextRepository listenerContexts) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		RequestMatcher endpoints = server.getEndpointsMatcher();
		AuthorizeRequestValidator validator = new AuthorizeRequestValidator(redirectUris, resource);
		http.securityMatcher(endpoints)
			.with(server, (as) -> as.registeredClientRepository(clients)
				.authorizationService(authorizations)
				.authorizationConsentService(consents)
				.tokenGenerator(tokens)
				.clientAuthentication((client) -> client.authenticationConverter(new PublicClientRefresh.Converter())
					.authenticationProvider(new PublicClientRefresh.Provider(clients)))
				.authorizationEndpoint((authorize) -> authorize.consentPage(CONSENT_PAGE)
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequest) {
							codeRequest.setAuthenticationValidator(validator);
						}
					})))
				.authorizationServerMetadataEndpoint(
						(metadata) -> metadata.authorizationServerMetadataCustomizer((builder) -> builder
							.grantTypes((grants) -> grants
								.retainAll(List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
										AuthorizationGrantType.REFRESH_TOKEN.getValue())))
							.tokenEndpointAuthenticationMethods(ClientRegistrationController::onlyNone)
							.tokenRevocationEndpointAuthenticationMethods(ClientRegistrationController::onlyNone)
							.scopes((scopes) -> scopes.addAll(McpResource.SCOPES))
							.clientRegistrationEndpoint(resource.issuer() + ClientRegistrationController.PATH)
							.claim("client_id_metadata_document_supported", true)
							.claims((claims) -> {
								claims.remove("device_authorization_endpoint");
								claims.remove("introspection_endpoint");
								claims.remove("introspection_endpoint_auth_methods_supported");
								claims.remove("pushed_authorization_request_endpoint");
							}))))
			.securityContext((context) -> context.securityContextRepository(listenerContexts))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.cors((cors) -> cors.configurationSource(OAuthCors.openEndpoints()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(new SignInEntryPoint()));
		return http.build();
	}

}
