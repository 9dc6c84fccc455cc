package org.spotifymcp.api.me.assistant;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The OAuth apps (MCP clients) a listener authorized through the MCP sign-in, read from
 * the authorization server's tables, whose principal name is our user id. Removing an
 * app's authorizations ends its access at its next call (the MCP guard looks them up).
 */
@Component
public class AuthorizedApps {

	private static final String LIST = "SELECT c.id, coalesce(c.client_name, c.client_id) AS name,"
			+ " max(a.access_token_issued_at) AS last_issued FROM oauth2_registered_client c"
			+ " LEFT JOIN oauth2_authorization a ON a.registered_client_id = c.id AND a.principal_name = ?"
			+ " WHERE EXISTS (SELECT 1 FROM oauth2_authorization x WHERE x.registered_client_id = c.id"
			+ " AND x.principal_name = ?) OR EXISTS (SELECT 1 FROM oauth2_authorization_consent y"
			+ " WHERE y.registered_client_id = c.id AND y.principal_name = ?)"
			+ " GROUP BY c.id, c.client_name, c.client_id ORDER BY name";

	private final JdbcTemplate jdbc;

	AuthorizedApps(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	List<App> of(int userId) {
		String principal = String.valueOf(userId);
		return this.jdbc.query(LIST,
				(rs, i) -> new App(rs.getString("id"), rs.getString("name"),
						(rs.getTimestamp("last_issued") != null) ? rs.getTimestamp("last_issued").toInstant() : null),
				principal, principal, principal);
	}

	/**
	 * Ends one app's access for a listener.
	 * @param userId the listener
	 * @param clientId the registered client's id
	 * @return whether the app had anything to revoke
	 */
	@Transactional
	boolean revoke(int userId, String clientId) {
		String principal = String.valueOf(userId);
		int removed = this.jdbc.update(
				"DELETE FROM oauth2_authorization WHERE registered_client_id = ? AND principal_name = ?", clientId,
				principal);
		removed += this.jdbc.update(
				"DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ? AND principal_name = ?",
				clientId, principal);
		return removed > 0;
	}

	/**
	 * Ends every app's access for a listener (their account is being deleted).
	 * @param userId the listener
	 */
	@Transactional
	public void revokeAll(int userId) {
		String principal = String.valueOf(userId);
		this.jdbc.update("DELETE FROM oauth2_authorization WHERE principal_name = ?", principal);
		this.jdbc.update("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?", principal);
	}

	/**
	 * One authorized app.
	 *
	 * @param id the registered client's id
	 * @param name its name
	 * @param lastIssued when it last got an access token
	 */
	record App(String id, String name, Instant lastIssued) {

	}

}
