package org.spotifymcp.api.admin.mcptokens;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.spotifymcp.api.admin.AdminPage;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.mcptokens.McpToken;
import org.spotifymcp.shared.mcptokens.McpTokenRepository;
import org.spotifymcp.shared.mcptokens.McpTokenService;
import org.spotifymcp.shared.mcptokens.McpTokenService.IssuedMcpToken;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-user MCP tokens: issue (the secret is in this one answer only), list (never with
 * secrets), revoke.
 */
@RestController
@Tag(name = "Admin: MCP tokens", description = "Per-user MCP tokens")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminBasic")
@RequestMapping(path = "/admin", produces = "application/json")
class AdminMcpTokensController {

	private static final int MAX_NAME_LENGTH = 100;

	private final McpTokenService tokenService;

	private final McpTokenRepository tokens;

	private final UserRepository users;

	AdminMcpTokensController(McpTokenService tokenService, McpTokenRepository tokens, UserRepository users) {
		this.tokenService = tokenService;
		this.tokens = tokens;
		this.users = users;
	}

	@PostMapping("/users/{id}/mcp-tokens")
	@Operation(summary = "Issue a token for the user; the secret is in this answer only",
			description = "Answers 201 with the token's record and, beside it, the bearer secret for the MCP client: "
					+ "{\"token\": {\"id\": 7, \"user_id\": 1, \"name\": \"claude-laptop\", \"prefix\": \"smcp_AbCd\", "
					+ "\"created_at\": \"…\", \"last_used_at\": null, \"revoked_at\": null, \"active\": true}, "
					+ "\"secret\": \"smcp_…\"}. Only a hash is stored: the secret cannot be shown again.")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedToken issue(@PathVariable int id, @RequestBody(required = false) NewToken body) {
		requireUser(id);
		String name = (body != null && body.name() != null) ? body.name().trim() : "";
		if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
			throw new InvalidFilterException("name", "is required, at most " + MAX_NAME_LENGTH + " characters");
		}
		IssuedMcpToken issued = this.tokenService.issue(id, name);
		return new IssuedToken(TokenView.of(issued.token()), issued.secret());
	}

	@GetMapping("/users/{id}/mcp-tokens")
	@Operation(summary = "List the user's tokens (never with secrets); page from 0, size 1-200, default 50")
	AdminPage<TokenView> list(@PathVariable int id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		PageRequest request = new PageRequest(page, size);
		requireUser(id);
		return AdminPage.of(this.tokenService.listFor(id).stream().map(TokenView::of).toList(), request);
	}

	@DeleteMapping("/mcp-tokens/{token_id}")
	@Operation(summary = "Revoke a token",
			description = "Answers 200 with the token, now inactive. Revoking is idempotent: a token that was "
					+ "already revoked answers 200 too, with its first revocation time unchanged; an unknown id "
					+ "answers 404.")
	TokenView revoke(@PathVariable("token_id") long tokenId) {
		if (tokenId < 1) {
			throw new InvalidFilterException("token_id", "must be a positive integer");
		}
		McpToken token = this.tokens.findById(tokenId).orElseThrow(() -> new NotFoundException("MCP token", tokenId));
		this.tokenService.revoke(tokenId);
		return TokenView.of(this.tokens.findById(token.getId()).orElse(token));
	}

	private void requireUser(int id) {
		if (id < 1) {
			throw new InvalidFilterException("id", "must be a positive integer");
		}
		if (!this.users.existsById(id)) {
			throw new NotFoundException("user", id);
		}
	}

	/**
	 * Body of the issue request.
	 *
	 * @param name a label such as "Claude desktop"
	 */
	record NewToken(String name) {

	}

	/**
	 * An MCP token without its secret.
	 *
	 * @param id token id
	 * @param userId owner
	 * @param name label
	 * @param prefix first characters, to tell tokens apart
	 * @param createdAt creation
	 * @param lastUsedAt last use
	 * @param revokedAt revocation, null while active
	 * @param active whether it still works
	 */
	record TokenView(long id, int userId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
			Instant revokedAt, boolean active) {

		static TokenView of(McpToken token) {
			return new TokenView(token.getId(), token.getUserId(), token.getName(), token.getTokenPrefix(),
					token.getCreatedAt(), token.getLastUsedAt(), token.getRevokedAt(), token.isActive());
		}

	}

	/**
	 * A new token with its secret, shown this once.
	 *
	 * @param token the token
	 * @param secret the bearer secret for the MCP client
	 */
	record IssuedToken(TokenView token, String secret) {

	}

}
