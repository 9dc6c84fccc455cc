package org.spotifymcp.shared.oauth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The MCP OAuth clients as the admin API and the admin UI see them, read from and removed
 * in the tables of Spring's authorization server ({@code oauth2_registered_client},
 * {@code oauth2_authorization}, {@code oauth2_authorization_consent}). The admin UI
 * shares the database but not the API's authorization-server beans, hence plain SQL here.
 * Removing an authorization ends its refresh token at once and its access token on the
 * next {@code /mcp} call, which checks the stored authorization is still there.
 */
public class OAuthClientQueries {

	/** How often at most the last use of one authorization is written. */
	public static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public OAuthClientQueries(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * The clients one user authorized (holding a grant or a remembered consent), most
	 * recently used first.
	 * @param userId the user
	 * @return the clients
	 */
	public List<AuthorizedClient> authorizedBy(int userId) {
		String principal = String.valueOf(userId);
		return this.jdbc.query("""
				select c.id, c.client_id, c.client_name,
				       coalesce(max(consent.authorities), string_agg(distinct a.authorized_scopes, ','), '') as scopes,
				       count(a.id) filter (where a.refresh_token_value is not null or a.access_token_value is not null)
				           as authorizations,
				       min(coalesce(a.authorization_code_issued_at, a.access_token_issued_at)) as authorized_at,
				       max(a.last_used_at) as last_used_at,
				       max(greatest(a.access_token_issued_at, a.refresh_token_issued_at)) as last_token_issued_at
				from oauth2_registered_client c
				left join oauth2_authorization a on a.registered_client_id = c.id and a.principal_name = ?
				left join oauth2_authorization_consent consent
				       on consent.registered_client_id = c.id and consent.principal_name = ?
				where a.id is not null or consent.principal_name is not null
				group by c.id, c.client_id, c.client_name
				order by last_used_at desc nulls last, last_token_issued_at desc nulls last, c.client_name
				""",
				(row, index) -> new AuthorizedClient(row.getString(1), row.getString(2), row.getString(3),
						list(row.getString(4)), row.getInt(5), instant(row, 6), instant(row, 7), instant(row, 8)),
				principal, principal);
	}

	/**
	 * Every registered client, newest first.
	 * @return the clients
	 */
	public List<RegisteredClientView> registered() {
		return this.jdbc.query("""
				select c.id, c.client_id, c.client_name, c.redirect_uris, c.scopes, c.client_id_issued_at,
				       (select count(distinct a.principal_name) from oauth2_authorization a
				        where a.registered_client_id = c.id) as users,
				       (select max(a.last_used_at) from oauth2_authorization a
				        where a.registered_client_id = c.id) as last_used_at
				from oauth2_registered_client c
				order by c.client_id_issued_at desc, c.client_id
				""", (row, index) -> new RegisteredClientView(row.getString(1), row.getString(2), row.getString(3),
				list(row.getString(4)), list(row.getString(5)), instant(row, 6), row.getInt(7), instant(row, 8)));
	}

	/**
	 * Revokes a client's access for one user: its authorizations and the consent go.
	 * @param userId the user
	 * @param registeredId the client's internal id ({@code oauth2_registered_client.id}),
	 * which unlike a metadata-document client id never contains a slash
	 * @return what was removed
	 * @throws NotFoundException when no client has that id
	 */
	public Revoked revoke(int userId, String registeredId) {
		return this.transactions.execute((status) -> {
			String clientId = clientId(registeredId);
			String principal = String.valueOf(userId);
			int authorizations = this.jdbc.update(
					"delete from oauth2_authorization where registered_client_id = ? and principal_name = ?",
					registeredId, principal);
			int consents = this.jdbc.update(
					"delete from oauth2_authorization_consent where registered_client_id = ? and principal_name = ?",
					registeredId, principal);
			return new Revoked(registeredId, clientId, authorizations, consents > 0);
		});
	}

	/**
	 * Ends every client's access for a user whose account is being deleted (the
	 * authorization server's tables name users, but hold no foreign key to them).
	 * @param userId the user
	 */
	public void revokeAll(int userId) {
		String principal = String.valueOf(userId);
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("delete from oauth2_authorization where principal_name = ?", principal);
			this.jdbc.update("delete from oauth2_authorization_consent where principal_name = ?", principal);
		});
	}

	/**
	 * Deletes a registered client with every authorization and consent it holds.
	 * @param registeredId the client's internal id
	 * @return what was removed
	 * @throws NotFoundException when no client has that id
	 */
	public Revoked delete(String registeredId) {
		return this.transactions.execute((status) -> {
			String clientId = clientId(registeredId);
			int authorizations = this.jdbc.update("delete from oauth2_authorization where registered_client_id = ?",
					registeredId);
			int consents = this.jdbc.update("delete from oauth2_authorization_consent where registered_client_id = ?",
					registeredId);
			this.jdbc.update("delete from oauth2_registered_client where id = ?", registeredId);
			return new Revoked(registeredId, clientId, authorizations, consents > 0);
		});
	}

	/**
	 * Notes that an access token of the authorization was accepted, unless that was
	 * already noted within {@link #LAST_USE_GRANULARITY}, so busy clients cost no write
	 * per call.
	 * @param authorizationId the authorization ({@code oauth2_authorization.id})
	 * @param now the time of the call
	 * @return whether the row was written
	 */
	public boolean recordUse(String authorizationId, Instant now) {
		Timestamp at = Timestamp.from(now);
		return this.jdbc.update(
				"update oauth2_authorization set last_used_at = ? where id = ?"
						+ " and (last_used_at is null or last_used_at <= ?)",
				at, authorizationId, Timestamp.from(now.minus(LAST_USE_GRANULARITY))) > 0;
	}

	private String clientId(String registeredId) {
		if (registeredId == null || registeredId.isBlank() || registeredId.length() > 100) {
			throw new InvalidFilterException("id", "must be a registered client id of at most 100 characters");
		}
		return this.jdbc
			.query("select client_id from oauth2_registered_client where id = ?", (row, index) -> row.getString(1),
					registeredId)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("OAuth client", registeredId));
	}

	/**
	 * Comma-separated values as stored by Spring, without the SCOPE_ authority prefix.
	 */
	private static List<String> list(String commaSeparated) {
		if (commaSeparated == null) {
			return List.of();
		}
		return List.copyOf(Arrays.stream(commaSeparated.split(","))
			.map(String::trim)
			.filter((value) -> !value.isEmpty())
			.map((value) -> value.startsWith("SCOPE_") ? value.substring(6) : value)
			.collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * A client one user authorized.
	 *
	 * @param id the client's internal id, used in admin paths
	 * @param clientId the OAuth client id (a metadata document URL for CIMD clients)
	 * @param clientName the name the client registered with
	 * @param scopes the scopes the user consented to
	 * @param authorizations stored grants (one per sign-in) still holding tokens
	 * @param authorizedAt when the user first authorized it
	 * @param lastUsedAt when one of its access tokens was last accepted on {@code /mcp}
	 * (to the minute), null if never
	 * @param lastTokenIssuedAt when the client last got a token for the user
	 */
	public record AuthorizedClient(String id, String clientId, String clientName, List<String> scopes,
			int authorizations, Instant authorizedAt, Instant lastUsedAt, Instant lastTokenIssuedAt) {

	}

	/**
	 * A registered client.
	 *
	 * @param id the client's internal id, used in admin paths
	 * @param clientId the OAuth client id
	 * @param clientName its name
	 * @param redirectUris where it may receive codes
	 * @param scopes the scopes it may ask for
	 * @param registeredAt when it registered
	 * @param users how many users hold authorizations for it
	 * @param lastUsedAt when any of its access tokens was last accepted, null if never
	 */
	public record RegisteredClientView(String id, String clientId, String clientName, List<String> redirectUris,
			List<String> scopes, Instant registeredAt, int users, Instant lastUsedAt) {

	}

	/**
	 * What a revocation or deletion removed.
	 *
	 * @param id the client's internal id
	 * @param clientId the OAuth client id
	 * @param authorizationsRemoved stored grants deleted (their tokens stop working)
	 * @param consentRemoved whether a remembered consent was deleted
	 */
	public record Revoked(String id, String clientId, int authorizationsRemoved, boolean consentRemoved) {

	}

}
