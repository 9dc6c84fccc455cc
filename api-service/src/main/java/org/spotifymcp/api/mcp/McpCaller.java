package org.spotifymcp.api.mcp;

/**
 * Who is calling the MCP endpoints: the admin (any user, named per call) or the holder of
 * a per-user token (that user only).
 *
 * @param admin whether the admin token was used
 * @param userId the token's user, null for the admin
 * @param rateLimitKey the bucket the call counts against
 */
public record McpCaller(boolean admin, Integer userId, String rateLimitKey) {

	/** Request attribute under which the authentication filter leaves the caller. */
	public static final String ATTRIBUTE = McpCaller.class.getName();

	public static McpCaller adminToken() {
		return new McpCaller(true, null, "admin");
	}

	public static McpCaller userToken(int userId, long tokenId) {
		return new McpCaller(false, userId, "token:" + tokenId);
	}

}
