package org.spotifymcp.api.mcp;

import java.util.Optional;

/**
 * OAuth access tokens on {@code /mcp}, besides the admin and per-user tokens: resolves a
 * bearer token to its caller and says how to challenge a caller without a valid one.
 */
public interface McpOAuthBearer {

	/**
	 * The caller of a valid OAuth access token.
	 * @param token the bearer token, which may be a static token
	 * @param request the request, for attributes the scope check reads later
	 * @return the caller, empty when the token is not a valid access token
	 */
	Optional<McpCaller> authenticate(String token, jakarta.servlet.http.HttpServletRequest request);

	/**
	 * The {@code WWW-Authenticate} value of a 401.
	 * @param invalidToken whether a token was presented but refused
	 * @return the challenge
	 */
	String challenge(boolean invalidToken);

}
