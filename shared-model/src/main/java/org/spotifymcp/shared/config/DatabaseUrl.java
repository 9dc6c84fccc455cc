package org.spotifymcp.shared.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as operators write it: either the
 * {@code postgresql://user:pass@host:port/db} form used by docker-compose and most
 * hosting providers, or a plain JDBC URL.
 *
 * @param jdbcUrl the JDBC URL without credentials
 * @param username the user name, or {@code null} when the URL carries none
 * @param password the password, or {@code null} when the URL carries none
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

	public static DatabaseUrl parse(String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(
					"DATABASE_URL is empty: set it to postgresql://user:password@host:5432/database");
		}
		String trimmed = value.trim();
		if (trimmed.startsWith("jdbc:postgresql:")) {
			return new DatabaseUrl(trimmed, null, null);
		}
		if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
			throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or "
					+ "jdbc:postgresql: (got a value starting with '" + prefixOf(trimmed) + "')");
		}
		try {
			URI uri = new URI(trimmed);
			if (uri.getHost() == null) {
				throw new IllegalArgumentException(
						"DATABASE_URL has no host: use postgresql://user:password@host:5432/database");
			}
			String username = null;
			String password = null;
			if (uri.getRawUserInfo() != null) {
				String[] parts = uri.getRawUserInfo().split(":", 2);
				username = decode(parts[0]);
				password = (parts.length > 1) ? decode(parts[1]) : null;
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : 5432;
			String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/postgres" : uri.getRawPath();
			String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
			return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + path + query, username,
					password);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("DATABASE_URL is not a valid URL: " + ex.getMessage(), ex);
		}
	}

	private static String prefixOf(String value) {
		return value.substring(0, Math.min(12, value.length()));
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
