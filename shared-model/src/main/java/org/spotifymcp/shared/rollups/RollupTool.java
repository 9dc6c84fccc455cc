package org.spotifymcp.shared.rollups;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.spotifymcp.shared.config.DatabaseUrl;
import org.spotifymcp.shared.config.DotEnvFile;

/**
 * Operator command {@code rebuild-rollups [--user N]}, run through any service jar:
 * recomputes the history rollups of one user (or of every user, one transaction each)
 * from {@code plays} and prints the rollups that differed. The database comes from
 * {@code DATABASE_URL} in the environment or in {@code ./.env}.
 */
public final class RollupTool {

	public static final String COMMAND = "rebuild-rollups";

	private final Map<String, String> environment;

	private final PrintStream out;

	public RollupTool(Map<String, String> environment, PrintStream out) {
		this.environment = environment;
		this.out = out;
	}

	public static boolean handles(String[] args) {
		return args.length > 0 && COMMAND.equals(args[0]);
	}

	/**
	 * Runs the command.
	 * @param args the command line, starting with the command
	 * @return the process exit code: 0 whether or not differences were found and fixed
	 */
	public int run(String[] args) throws IOException, SQLException {
		Integer user = userArgument(args);
		String databaseUrl = DotEnvFile.lookup("DATABASE_URL", this.environment, DotEnvFile.read(Path.of(".env")));
		if (databaseUrl == null) {
			throw new IllegalStateException("DATABASE_URL is not set: rebuild-rollups needs the database");
		}
		DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
		Properties credentials = new Properties();
		if (url.username() != null) {
			credentials.setProperty("user", url.username());
		}
		if (url.password() != null) {
			credentials.setProperty("password", url.password());
		}
		try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), credentials)) {
			List<Integer> users = (user != null) ? List.of(user) : allUsers(connection);
			if (user != null && !exists(connection, user)) {
				throw new IllegalArgumentException("no user with id " + user);
			}
			long differing = 0;
			for (int id : users) {
				differing += rebuild(connection, id);
			}
			this.out.println("rebuilt the rollups of " + users.size() + " user(s): " + differing + " row(s) differed"
					+ ((differing > 0) ? " and were corrected" : ""));
			return 0;
		}
	}

	private long rebuild(Connection connection, int userId) throws SQLException {
		long differing = 0;
		connection.setAutoCommit(false);
		try (PreparedStatement rebuild = connection
			.prepareStatement("SELECT rollup, differences FROM rebuild_rollups(?)")) {
			rebuild.setInt(1, userId);
			try (ResultSet result = rebuild.executeQuery()) {
				while (result.next()) {
					long rows = result.getLong(2);
					if (rows > 0) {
						this.out.println("user " + userId + ": " + result.getString(1) + " had " + rows
								+ " row(s) that differed from plays");
						differing += rows;
					}
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		return differing;
	}

	private static List<Integer> allUsers(Connection connection) throws SQLException {
		List<Integer> ids = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT id FROM users ORDER BY id");
				ResultSet result = select.executeQuery()) {
			while (result.next()) {
				ids.add(result.getInt(1));
			}
		}
		return ids;
	}

	private static boolean exists(Connection connection, int userId) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
			select.setInt(1, userId);
			try (ResultSet result = select.executeQuery()) {
				return result.next();
			}
		}
	}

	private static Integer userArgument(String[] args) {
		if (args.length == 1) {
			return null;
		}
		if (args.length == 3 && "--user".equals(args[1])) {
			try {
				return Integer.valueOf(args[2]);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--user needs a user id (a number), got '" + args[2] + "'");
			}
		}
		throw new IllegalArgumentException("usage: " + COMMAND + " [--user N]");
	}

	/**
	 * Entry point for a service's {@code main}: runs the command and exits.
	 * @param args the command line, starting with the command
	 */
	public static void main(String[] args) {
		try {
			System.exit(new RollupTool(System.getenv(), System.out).run(args));
		}
		catch (Exception ex) {
			System.err.println("error: " + ex.getMessage());
			System.exit(1);
		}
	}

}
