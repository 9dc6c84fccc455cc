package org.spotifymcp.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL whose data lives under {@code data/postgres} and survives
 * restarts.
 */
final class LocalDatabase implements AutoCloseable {

	static final String DATABASE = "spotify";

	private final EmbeddedPostgres postgres;

	private LocalDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static LocalDatabase start(Path dataDirectory, int port) throws IOException, SQLException {
		Path directory = dataDirectory.resolve("postgres");
		Files.createDirectories(directory);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start();
		LocalDatabase database = new LocalDatabase(postgres);
		database.createApplicationDatabaseIfMissing();
		return database;
	}

	private void createApplicationDatabaseIfMissing() throws SQLException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
				if (exists.next()) {
					return;
				}
			}
			statement.execute("create database " + DATABASE);
		}
	}

	/** The compose-style URL the services take in {@code DATABASE_URL}. */
	String databaseUrl() {
		return "postgresql://postgres:@127.0.0.1:" + this.postgres.getPort() + "/" + DATABASE;
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
