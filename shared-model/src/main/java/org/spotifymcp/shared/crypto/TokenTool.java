package org.spotifymcp.shared.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.spotifymcp.shared.config.DatabaseUrl;
import org.spotifymcp.shared.config.DotEnvFile;

/**
 * Operator commands for the token cipher, run through any service jar:
 * {@code generate-key}, {@code encrypt} / {@code decrypt} (value on stdin) and
 * {@code reencrypt} (every stored Spotify token under the first key, after a rotation)
 * and {@code rotate-oauth-key} (a new key signs MCP OAuth access tokens; older keys still
 * verify). Keys come from {@code TOKEN_ENCRYPTION_KEY} in the environment or in
 * {@code ./.env}. {@code encrypt} keeps the value exactly as given, spaces included,
 * except for one line ending at its very end (the one {@code echo} or a here-string
 * adds), and {@code decrypt} prints the value back unchanged.
 */
public final class TokenTool {

	public static final Set<String> COMMANDS = Set.of("generate-key", "encrypt", "decrypt", "reencrypt",
			"rotate-oauth-key");

	private final Map<String, String> environment;

	private final InputStream in;

	private final PrintStream out;

	public TokenTool(Map<String, String> environment, InputStream in, PrintStream out) {
		this.environment = environment;
		this.in = in;
		this.out = out;
	}

	public static boolean handles(String[] args) {
		return args.length > 0 && COMMANDS.contains(args[0]);
	}

	/**
	 * Runs one command.
	 * @param command one of {@link #COMMANDS}
	 * @return the process exit code
	 */
	public int run(String command) throws IOException, SQLException {
		switch (command) {
			case "generate-key" -> this.out.println(FernetKey.generate(new SecureRandom()));
			case "encrypt" -> this.out.println(cipher().encrypt(plaintext()));
			// a Fernet token holds no whitespace: any around it is not part of it
			case "decrypt" -> this.out.println(cipher().decrypt(readInput().strip()));
			case "reencrypt" -> this.out.println(reencryptStoredTokens());
			case "rotate-oauth-key" -> this.out.println("new OAuth signing key " + rotateOAuthKey()
					+ " signs from now on (API instances pick it up within a minute); older keys still verify");
			default -> throw new IllegalArgumentException("unknown command " + command);
		}
		return 0;
	}

	private String readInput() throws IOException {
		return new String(this.in.readAllBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * The value to encrypt: a secret may begin or end with spaces, so only the final line
	 * ending a shell adds ({@code echo}, here-strings) is dropped.
	 */
	private String plaintext() throws IOException {
		String input = readInput();
		if (input.endsWith("\r\n")) {
			return input.substring(0, input.length() - 2);
		}
		if (input.endsWith("\n")) {
			return input.substring(0, input.length() - 1);
		}
		return input;
	}

	private TokenCipher cipher() throws IOException {
		return TokenCipher.fromKeyList(setting("TOKEN_ENCRYPTION_KEY"));
	}

	private String rotateOAuthKey() throws IOException, SQLException {
		TokenCipher cipher = cipher();
		try (Connection connection = connect("rotate-oauth-key")) {
			connection.setAutoCommit(false);
			String kid = OAuthSigningKeys.add(connection, cipher);
			connection.commit();
			return kid;
		}
	}

	private Connection connect(String command) throws IOException, SQLException {
		String databaseUrl = setting("DATABASE_URL");
		if (databaseUrl == null) {
			throw new IllegalStateException("DATABASE_URL is not set: " + command + " needs the database");
		}
		DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
		Properties credentials = new Properties();
		if (url.username() != null) {
			credentials.setProperty("user", url.username());
		}
		if (url.password() != null) {
			credentials.setProperty("password", url.password());
		}
		return DriverManager.getConnection(url.jdbcUrl(), credentials);
	}

	private String reencryptStoredTokens() throws IOException, SQLException {
		TokenCipher cipher = cipher();
		try (Connection connection = connect("reencrypt")) {
			connection.setAutoCommit(false);
			List<Object[]> rows = new ArrayList<>();
			try (PreparedStatement select = connection.prepareStatement(
					"select user_id, refresh_token_encrypted, access_token_encrypted from spotify_tokens for update");
					ResultSet result = select.executeQuery()) {
				while (result.next()) {
					String access = result.getString(3);
					rows.add(new Object[] { result.getInt(1), cipher.reencrypt(result.getString(2)),
							(access != null) ? cipher.reencrypt(access) : null });
				}
			}
			try (PreparedStatement update = connection.prepareStatement(
					"update spotify_tokens set refresh_token_encrypted = ?, access_token_encrypted = ? where user_id = ?")) {
				for (Object[] row : rows) {
					update.setString(1, (String) row[1]);
					update.setString(2, (String) row[2]);
					update.setInt(3, (Integer) row[0]);
					update.addBatch();
				}
				update.executeBatch();
			}
			int signingKeys = reencryptSigningKeys(connection, cipher);
			int appSecrets = reencryptAppSecrets(connection, cipher);
			connection.commit();
			return "re-encrypted " + rows.size() + " stored token rows, " + signingKeys + " OAuth signing keys and "
					+ appSecrets + " Spotify app secrets";
		}
	}

	/** The OAuth signing keys are encrypted with the same keys, so they follow along. */
	private static int reencryptSigningKeys(Connection connection, TokenCipher cipher) throws SQLException {
		List<String[]> keys = new ArrayList<>();
		try (PreparedStatement select = connection
			.prepareStatement("select kid, private_key_encrypted from oauth_signing_keys for update");
				ResultSet result = select.executeQuery()) {
			while (result.next()) {
				keys.add(new String[] { result.getString(1), cipher.reencrypt(result.getString(2)) });
			}
		}
		try (PreparedStatement update = connection
			.prepareStatement("update oauth_signing_keys set private_key_encrypted = ? where kid = ?")) {
			for (String[] key : keys) {
				update.setString(1, key[1]);
				update.setString(2, key[0]);
				update.addBatch();
			}
			update.executeBatch();
		}
		return keys.size();
	}

	/** The client secrets of the Spotify apps users are attached to follow along too. */
	private static int reencryptAppSecrets(Connection connection, TokenCipher cipher) throws SQLException {
		List<Object[]> secrets = new ArrayList<>();
		try (PreparedStatement select = connection
			.prepareStatement("select id, client_secret_encrypted from spotify_apps for update");
				ResultSet result = select.executeQuery()) {
			while (result.next()) {
				secrets.add(new Object[] { result.getInt(1), cipher.reencrypt(result.getString(2)) });
			}
		}
		try (PreparedStatement update = connection
			.prepareStatement("update spotify_apps set client_secret_encrypted = ? where id = ?")) {
			for (Object[] secret : secrets) {
				update.setString(1, (String) secret[1]);
				update.setInt(2, (Integer) secret[0]);
				update.addBatch();
			}
			update.executeBatch();
		}
		return secrets.size();
	}

	/** The environment wins over {@code ./.env}, as in the services. */
	private String setting(String name) throws IOException {
		return DotEnvFile.lookup(name, this.environment, DotEnvFile.read(Path.of(".env")));
	}

	/**
	 * Entry point for a service's {@code main}: runs the command and exits.
	 * @param args the command line, starting with the command
	 */
	public static void main(String[] args) {
		try {
			System.exit(new TokenTool(System.getenv(), System.in, System.out).run(args[0]));
		}
		catch (InvalidTokenKeyException ex) {
			System.err.println("error: " + ex.getMessage());
			System.err.println(TokenKeyFailureAnalyzer.HOW_TO_FIX);
			System.exit(2);
		}
		catch (Exception ex) {
			System.err.println("error: " + ex.getMessage());
			System.exit(1);
		}
	}

}
