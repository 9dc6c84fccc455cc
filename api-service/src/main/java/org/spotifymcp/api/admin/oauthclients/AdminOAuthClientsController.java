package org.spotifymcp.api.admin.oauthclients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth clients of MCP OAuth: per user, the assistants the user authorized (with
 * revoke), and every registered client (with delete). Revoking removes the stored
 * authorizations and the consent, so refresh tokens stop at once and access tokens on the
 * next {@code /mcp} call (each call checks its authorization still exists).
 */
@RestController
@Tag(name = "Admin: OAuth clients", description = "Assistants connected through MCP OAuth")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminBasic")
@RequestMapping(path = "/admin", produces = "application/json")
class AdminOAuthClientsController {

	private final JdbcTemplate jdbc;

	private final UserRepository users;

	AdminOAuthClientsController(JdbcTemplate jdbc, UserRepository users) {
		this.jdbc = jdbc;
		this.users = users;
	}

	@GetMapping("/users/{id}/oauth-clients")
	@Operation(summary = "The OAuth clients the user authorized: name, scopes, last token issued")
	List<AuthorizedClient> authorizedClients(@PathVariable int id) {
		requireUser(id);
		return this.jdbc.query("""
				select c.client_id, c.client_name,
				       coalesce(max(consent.authorities), '') as consented,
				       count(a.id) filter (where a.refresh_token_value is not null or a.access_token_value is not null)
				           as authorizations,
				       max(greatest(a.access_token_issued_at, a.refresh_token_issued_at)) as last_token_issued_at
				from oauth2_registered_client c
				left join oauth2_authorization a on a.registered_client_id = c.id and a.principal_name = ?
				left join oauth2_authorization_consent consent
				       on consent.registered_client_id = c.id and consent.principal_name = ?
				where a.id is not null or consent.principal_name is not null
				group by c.client_id, c.client_name
				order by last_token_issued_at desc nulls last, c.client_name
				""", (row, index) -> new AuthorizedClient(row.getString(1), row.getString(2), scopes(row.getString(3)),
				row.getInt(4), instant(row, 5)), String.valueOf(id), String.valueOf(id));
	}

	@DeleteMapping("/users/{id}/oauth-clients/{clientId}")
	@Operation(summary = "Revoke a client's access for the user: its tokens stop working and consent is asked again")
	@Transactional
	Revoked revoke(@PathVariable int id, @PathVariable String clientId) {
		requireUser(id);
		String registeredId = registeredId(clientId);
		int authorizations = this.jdbc.update(
				"delete from oauth2_authorization where registered_client_id = ? and principal_name = ?", registeredId,
				String.valueOf(id));
		int consents = this.jdbc.update(
				"delete from oauth2_authorization_consent where registered_client_id = ? and principal_name = ?",
				registeredId, String.valueOf(id));
		return new Revoked(clientId, authorizations, consents > 0);
	}

	@GetMapping("/oauth-clients")
	@Operation(summary = "Every registered OAuth client, newest first, with how many users authorized it")
	List<RegisteredClientView> registeredClients() {
		return this.jdbc.query("""
				select c.client_id, c.client_name, c.redirect_uris, c.client_id_issued_at,
				       (select count(distinct principal_name) from oauth2_authorization a
				        where a.registered_client_id = c.id) as users
				from oauth2_registered_client c
				order by c.client_id_issued_at desc, c.client_id
				""", (row, index) -> new RegisteredClientView(row.getString(1), row.getString(2),
				scopes(row.getString(3)), instant(row, 4), row.getInt(5)));
	}

	@DeleteMapping("/oauth-clients/{clientId}")
	@Operation(summary = "Delete a registered client with every authorization and consent it holds")
	@Transactional
	Revoked delete(@PathVariable String clientId) {
		String registeredId = registeredId(clientId);
		int authorizations = this.jdbc.update("delete from oauth2_authorization where registered_client_id = ?",
				registeredId);
		int consents = this.jdbc.update("delete from oauth2_authorization_consent where registered_client_id = ?",
				registeredId);
		this.jdbc.update("delete from oauth2_registered_client where id = ?", registeredId);
		return new Revoked(clientId, authorizations, consents > 0);
	}

	private String registeredId(String clientId) {
		if (clientId == null || clientId.isBlank() || clientId.length() > 1000) {
			throw new InvalidFilterException("clientId", "must be a client id of at most 1000 characters");
		}
		return this.jdbc
			.query("select id from oauth2_registered_client where client_id = ?", (row, index) -> row.getString(1),
					clientId)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("OAuth client", clientId));
	}

	private void requireUser(int id) {
		if (id < 1) {
			throw new InvalidFilterException("id", "must be a positive integer");
		}
		if (!this.users.existsById(id)) {
			throw new NotFoundException("user", id);
		}
	}

	private static List<String> scopes(String commaSeparated) {
		return (commaSeparated == null) ? List.of()
				: Arrays.stream(commaSeparated.split(","))
					.map(String::trim)
					.filter((scope) -> !scope.isEmpty())
					.map((scope) -> scope.startsWith("SCOPE_") ? scope.substring(6) : scope)
					.toList();
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * A client one user authorized.
	 *
	 * @param clientId the OAuth client id
	 * @param clientName the name the client registered with
	 * @param scopes the scopes the user consented to
	 * @param authorizations stored grants (one per sign-in) still holding tokens
	 * @param lastTokenIssuedAt when the client last got a token for the user (refreshes
	 * count, so this follows use)
	 */
	record AuthorizedClient(String clientId, String clientName, List<String> scopes, int authorizations,
			Instant lastTokenIssuedAt) {

	}

	/**
	 * A registered client.
	 *
	 * @param clientId the OAuth client id
	 * @param clientName its name
	 * @param redirectUris where it may receive codes
	 * @param registeredAt when it registered
	 * @param users how many users hold authorizations for it
	 */
	record RegisteredClientView(String clientId, String clientName, List<String> redirectUris, Instant registeredAt,
			int users) {

	}

	/**
	 * What a revocation removed.
	 *
	 * @param clientId the client
	 * @param authorizationsRemoved stored grants deleted (their tokens stop working)
	 * @param consentRemoved whether a remembered consent was deleted
	 */
	record Revoked(String clientId, int authorizationsRemoved, boolean consentRemoved) {

	}

}
