package org.spotifymcp.shared.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class TokenToolTest {

	private static final String OLD_KEY = TestDatabase.TEST_TOKEN_KEY;

	private static final String NEW_KEY = "xr1n7ZIGaqVTg_al2_lFn8-tTCedjJ9YCpF6VZuwQlw=";

	private String run(Map<String, String> environment, String command, String input) throws Exception {
		return rawRun(environment, command, input).strip();
	}

	private String rawRun(Map<String, String> environment, String command, String input) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new TokenTool(environment, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8))
			.run(command);
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void generateEncryptDecrypt() throws Exception {
		String key = run(Map.of(), "generate-key", "");
		assertThat(FernetKey.parse(key)).isNotNull();
		String token = run(Map.of("TOKEN_ENCRYPTION_KEY", key), "encrypt", "my refresh token\n");
		assertThat(run(Map.of("TOKEN_ENCRYPTION_KEY", key), "decrypt", token)).isEqualTo("my refresh token");
	}

	@Test
	void encryptKeepsThePlaintextExactExceptOneFinalLineEnding() throws Exception {
		String key = run(Map.of(), "generate-key", "");
		Map<String, String> environment = Map.of("TOKEN_ENCRYPTION_KEY", key);
		TokenCipher cipher = TokenCipher.fromKeyList(key);
		Map<String, String> expected = Map.of("  padded secret \t", "  padded secret \t", "two lines\n\n",
				"two lines\n", "echoed\n", "echoed", "windows\r\n", "windows", "no newline", "no newline");
		expected.forEach((input, plaintext) -> {
			try {
				String token = run(environment, "encrypt", input);
				assertThat(cipher.decrypt(token)).as(input).isEqualTo(plaintext);
				// decrypt prints it back unchanged (println adds one line ending)
				assertThat(rawRun(environment, "decrypt", " " + token + "\n"))
					.isEqualTo(plaintext + System.lineSeparator());
			}
			catch (Exception ex) {
				throw new AssertionError(input, ex);
			}
		});
	}

	@Test
	void reencryptMovesEveryStoredTokenToTheFirstKey() throws Exception {
		String url = TestDatabase.createDatabase();
		Flyway.configure().dataSource(url, "postgres", "").load().migrate();
		TokenCipher old = TokenCipher.fromKeyList(OLD_KEY);
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("insert into users (id, display_name) values (1, 'a'), (2, 'b')");
			statement.execute("insert into spotify_tokens (user_id, refresh_token_encrypted, access_token_encrypted) "
					+ "values (1, '" + old.encrypt("refresh-1") + "', '" + old.encrypt("access-1") + "'), (2, '"
					+ old.encrypt("refresh-2") + "', null)");
			OAuthSigningKeys.add(connection, old);
			statement
				.execute("insert into spotify_apps (label, client_id, client_secret_encrypted) values ('B', 'app-b', '"
						+ old.encrypt("secret-b") + "')");
		}
		String databaseUrl = url.replace("jdbc:postgresql://", "postgresql://postgres:@");
		String output = run(Map.of("TOKEN_ENCRYPTION_KEY", NEW_KEY + "," + OLD_KEY, "DATABASE_URL", databaseUrl),
				"reencrypt", "");
		assertThat(output)
			.isEqualTo("re-encrypted 2 stored token rows, 1 OAuth signing keys and 1 Spotify app secrets");
		TokenCipher fresh = TokenCipher.fromKeyList(NEW_KEY);
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"select refresh_token_encrypted, access_token_encrypted from spotify_tokens order by user_id")) {
			rows.next();
			assertThat(fresh.decrypt(rows.getString(1))).isEqualTo("refresh-1");
			assertThat(fresh.decrypt(rows.getString(2))).isEqualTo("access-1");
			rows.next();
			assertThat(fresh.decrypt(rows.getString(1))).isEqualTo("refresh-2");
			assertThat(rows.getString(2)).isNull();
		}
		try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
			assertThat(OAuthSigningKeys.load(connection, fresh)).singleElement()
				.satisfies((key) -> assertThat(key.privateKey().getModulus()).isEqualTo(key.publicKey().getModulus()));
			assertThat(fresh.decrypt(new org.springframework.jdbc.core.JdbcTemplate(
					new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true))
				.queryForObject("select client_secret_encrypted from spotify_apps", String.class)))
				.isEqualTo("secret-b");
		}
	}

	@Test
	void rotateOAuthKeyAddsANewSigningKeyAndKeepsTheOldOne() throws Exception {
		String url = TestDatabase.createDatabase();
		Flyway.configure().dataSource(url, "postgres", "").load().migrate();
		TokenCipher cipher = TokenCipher.fromKeyList(OLD_KEY);
		String first;
		try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
			connection.setAutoCommit(false);
			OAuthSigningKeys.ensureOne(connection, cipher);
			OAuthSigningKeys.ensureOne(connection, cipher);
			connection.commit();
			first = OAuthSigningKeys.load(connection, cipher).get(0).kid();
		}
		String databaseUrl = url.replace("jdbc:postgresql://", "postgresql://postgres:@");
		String output = run(Map.of("TOKEN_ENCRYPTION_KEY", OLD_KEY, "DATABASE_URL", databaseUrl), "rotate-oauth-key",
				"");
		assertThat(output).startsWith("new OAuth signing key ").contains("older keys still verify");
		try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
			java.util.List<OAuthSigningKeys.SigningKey> keys = OAuthSigningKeys.load(connection, cipher);
			assertThat(keys).hasSize(2);
			assertThat(keys.get(0).kid()).isNotEqualTo(first).isEqualTo(output.split(" ")[4]);
			assertThat(keys.get(1).kid()).isEqualTo(first);
		}
	}

}
