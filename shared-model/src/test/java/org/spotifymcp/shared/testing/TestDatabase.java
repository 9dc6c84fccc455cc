package org.spotifymcp.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server per test JVM (embedded, no Docker), with a fresh database
 * for each caller so test classes never see each other's rows.
 */
public final class TestDatabase {

	/** A valid Fernet key used by tests only. */
	public static final String TEST_TOKEN_KEY = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

	public static final String TEST_ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

	private TestDatabase() {
	}

	public static EmbeddedPostgres server() {
		return Holder.SERVER;
	}

	/**
	 * Creates an empty database on the shared server.
	 * @return its JDBC URL
	 */
	public static String createDatabase() {
		String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASE_COUNTER.incrementAndGet();
		try (Connection connection = server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create test database " + name, ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

	/**
	 * Points a Spring test context at a fresh database, with the settings every service
	 * requires.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void register(DynamicPropertyRegistry registry) {
		String url = createDatabase();
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("app.token-encryption.key", () -> TEST_TOKEN_KEY);
		registry.add("app.admin.token", () -> TEST_ADMIN_TOKEN);
	}

	/**
	 * Starts a server of its own, for tests that stop the database under a running
	 * service.
	 * @return the running server; the caller closes it
	 */
	public static EmbeddedPostgres startDedicatedServer() {
		try {
			return EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start a dedicated embedded PostgreSQL", ex);
		}
	}

	private static final class Holder {

		private static final EmbeddedPostgres SERVER = start();

		private static EmbeddedPostgres start() {
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						// the JVM is going away; nothing left to clean
					}
				}));
				return postgres;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("could not start the embedded PostgreSQL", ex);
			}
		}

	}

}
