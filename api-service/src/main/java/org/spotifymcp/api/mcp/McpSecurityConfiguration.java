package org.spotifymcp.api.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.spotifymcp.shared.config.AdminProperties;
import org.spotifymcp.shared.config.OperationsProperties;
import org.spotifymcp.shared.mcptokens.McpToken;
import org.spotifymcp.shared.mcptokens.McpTokenService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /mcp}, {@code /mcp/tools} and {@code /mcp/call}: a bearer
 * {@code ADMIN_TOKEN} (tools then name the user) or a per-user MCP token (fixes the user)
 * or an OAuth access token (see {@link McpOAuthBearer}), and at most
 * {@code RATE_LIMIT_MCP_PER_MINUTE} requests per token and minute.
 */
@Configuration(proxyBeanMethods = false)
class McpSecurityConfiguration {

	static final String MCP_ROLE = "ROLE_MCP";

	@Bean
	@Order(20)
	SecurityFilterChain mcpSecurityFilterChain(HttpSecurity http, AdminProperties admin, McpTokenService tokens,
			OperationsProperties operations, ObjectProvider<McpOAuthBearer> oauth) throws Exception {
		McpOAuthBearer bearer = oauth.getIfAvailable();
		http.securityMatcher("/mcp", "/mcp/**")
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterAt(new McpAuthenticationFilter(admin, tokens, operations.rateLimitMcpPerMinute(), bearer),
					BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(MCP_ROLE))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, exception) -> {
				challenge(response, bearer, false);
				writeError(response, HttpStatus.UNAUTHORIZED,
						"Authorization: Bearer <ADMIN_TOKEN, per-user MCP token or OAuth access token> required");
			}));
		return http.build();
	}

	/** OAuth clients find the authorization server through this header. */
	static void challenge(HttpServletResponse response, McpOAuthBearer bearer, boolean invalidToken) {
		if (bearer != null) {
			response.setHeader("WWW-Authenticate", bearer.challenge(invalidToken));
		}
	}

	static void writeError(HttpServletResponse response, HttpStatus status, String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write("{\"status\":" + status.value() + ",\"error\":\"" + status.getReasonPhrase() + "\",\"message\":\""
					+ message.replace("\"", "'") + "\"}");
	}

	/**
	 * Authenticates the bearer token, leaves the {@link McpCaller} on the request and
	 * charges the caller's rate-limit bucket.
	 */
	static final class McpAuthenticationFilter extends OncePerRequestFilter {

		private final AdminProperties admin;

		private final McpTokenService tokens;

		private final int perMinute;

		private final McpOAuthBearer oauth;

		/** One bucket per token; bounded by the number of tokens that exist. */
		private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

		McpAuthenticationFilter(AdminProperties admin, McpTokenService tokens, int perMinute, McpOAuthBearer oauth) {
			this.admin = admin;
			this.tokens = tokens;
			this.perMinute = perMinute;
			this.oauth = oauth;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader("Authorization");
			if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				chain.doFilter(request, response);
				return;
			}
			Optional<McpCaller> caller = authenticate(header.substring(7).trim(), request);
			if (caller.isEmpty()) {
				challenge(response, this.oauth, true);
				writeError(response, HttpStatus.UNAUTHORIZED, "invalid or revoked token");
				return;
			}
			ConsumptionProbe probe = this.buckets.computeIfAbsent(caller.get().rateLimitKey(), (key) -> newBucket())
				.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
				response.setHeader("Retry-After", Long.toString(seconds));
				writeError(response, HttpStatus.TOO_MANY_REQUESTS, "rate limit of " + this.perMinute
						+ " requests per minute exceeded; retry in " + seconds + " s");
				return;
			}
			response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
			request.setAttribute(McpCaller.ATTRIBUTE, caller.get());
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.get().rateLimitKey(), null,
						List.of(new SimpleGrantedAuthority(MCP_ROLE))));
			try {
				chain.doFilter(request, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		}

		private Optional<McpCaller> authenticate(String secret, HttpServletRequest request) {
			if (constantTimeEquals(secret, this.admin.token())) {
				return Optional.of(McpCaller.adminToken());
			}
			Optional<McpCaller> oauthCaller = (this.oauth != null) ? this.oauth.authenticate(secret, request)
					: Optional.empty();
			if (oauthCaller.isPresent()) {
				return oauthCaller;
			}
			return this.tokens.authenticate(secret)
				.map((McpToken token) -> McpCaller.userToken(token.getUserId(), token.getId()));
		}

		private Bucket newBucket() {
			return Bucket.builder()
				.addLimit(Bandwidth.builder()
					.capacity(this.perMinute)
					.refillIntervally(this.perMinute, Duration.ofMinutes(1))
					.build())
				.build();
		}

	}

	/** Compares digests so neither content nor length leaks through timing. */
	static boolean constantTimeEquals(String presented, String expected) {
		if (expected == null || expected.isEmpty() || presented == null) {
			return false;
		}
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] a = sha.digest(presented.getBytes(StandardCharsets.UTF_8));
			byte[] b = MessageDigest.getInstance("SHA-256").digest(expected.getBytes(StandardCharsets.UTF_8));
			return MessageDigest.isEqual(a, b);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
