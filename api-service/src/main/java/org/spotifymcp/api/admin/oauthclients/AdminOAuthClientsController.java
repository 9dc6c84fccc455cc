package org.spotifymcp.api.admin.oauthclients;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spotifymcp.api.admin.AdminPage;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.admin.PageRequest;
import org.spotifymcp.shared.oauth.OAuthClientQueries;
import org.spotifymcp.shared.oauth.OAuthClientQueries.AuthorizedClient;
import org.spotifymcp.shared.oauth.OAuthClientQueries.RegisteredClientView;
import org.spotifymcp.shared.oauth.OAuthClientQueries.Revoked;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth clients of MCP OAuth: per user, the assistants the user authorized (with
 * revoke), and every registered client (with delete). Revoking removes the stored
 * authorizations and the consent, so refresh tokens stop at once and access tokens on the
 * next {@code /mcp} call (each call checks its authorization still exists). Paths name a
 * client by its internal {@code id}, not its {@code clientId}, which for clients known by
 * a metadata document is an https URL that a path segment cannot carry.
 */
@RestController
@Tag(name = "Admin: OAuth clients", description = "Assistants connected through MCP OAuth")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminBasic")
@RequestMapping(path = "/admin", produces = "application/json")
class AdminOAuthClientsController {

	private final OAuthClientQueries clients;

	private final UserRepository users;

	AdminOAuthClientsController(OAuthClientQueries clients, UserRepository users) {
		this.clients = clients;
		this.users = users;
	}

	@GetMapping("/users/{id}/oauth-clients")
	@Operation(summary = "The OAuth clients the user authorized: name, scopes, authorized at, last used;"
			+ " page from 0, size 1-200, default 50")
	AdminPage<AuthorizedClient> authorizedClients(@PathVariable int id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		PageRequest request = new PageRequest(page, size);
		requireUser(id);
		return AdminPage.of(this.clients.authorizedBy(id), request);
	}

	@DeleteMapping("/users/{id}/oauth-clients/{client_ref}")
	@Operation(summary = "Revoke a client's access for the user (client named by its internal id): "
			+ "its tokens stop working and consent is asked again")
	Revoked revoke(@PathVariable int id, @PathVariable("client_ref") String clientRef) {
		requireUser(id);
		return this.clients.revoke(id, clientRef);
	}

	@GetMapping("/oauth-clients")
	@Operation(summary = "Every registered OAuth client, newest first, with how many users authorized it;"
			+ " page from 0, size 1-200, default 50")
	AdminPage<RegisteredClientView> registeredClients(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
		return AdminPage.of(this.clients.registered(), new PageRequest(page, size));
	}

	@DeleteMapping("/oauth-clients/{client_ref}")
	@Operation(summary = "Delete a registered client (named by its internal id) with every authorization "
			+ "and consent it holds")
	Revoked delete(@PathVariable("client_ref") String clientRef) {
		return this.clients.delete(clientRef);
	}

	private void requireUser(int id) {
		if (id < 1) {
			throw new InvalidFilterException("id", "must be a positive integer");
		}
		if (!this.users.existsById(id)) {
			throw new NotFoundException("user", id);
		}
	}

}
