package org.spotifymcp.collector.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.spotifymcp.shared.config.CollectorProperties;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * {@code INITIAL_SYNC_CONCURRENCY} slots shared by every collector: slot {@code n} is the
 * PostgreSQL session advisory lock {@code (LOCK_SPACE, n)}, held on a connection of its
 * own for the length of the sync. A collector that dies loses its connection and with it
 * the lock, so a slot can never leak.
 */
public class InitialSyncSlots {

	/**
	 * First key of the advisory locks, so they cannot collide with other users of locks.
	 */
	static final int LOCK_SPACE = 0x5359_4e43;

	private final DataSource dataSource;

	private final int slots;

	public InitialSyncSlots(DataSource dataSource, CollectorProperties properties) {
		this.dataSource = dataSource;
		this.slots = properties.initialSyncConcurrency();
	}

	/**
	 * @return a held slot to close when the sync ends, or empty when all are taken
	 */
	public Optional<Slot> tryAcquire() {
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("no connection for an initial sync slot", ex);
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
			for (int slot = 0; slot < this.slots; slot++) {
				statement.setInt(1, LOCK_SPACE);
				statement.setInt(2, slot);
				try (ResultSet result = statement.executeQuery()) {
					if (result.next() && result.getBoolean(1)) {
						return Optional.of(new Slot(connection, slot));
					}
				}
			}
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new IllegalStateException("could not take an initial sync slot", ex);
		}
		closeQuietly(connection);
		return Optional.empty();
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// the pool discards a broken connection; the lock went with the session
		}
	}

	/** A held slot; closing it releases the lock and returns the connection. */
	public static final class Slot implements AutoCloseable {

		private final Connection connection;

		private final int number;

		Slot(Connection connection, int number) {
			this.connection = connection;
			this.number = number;
		}

		public int number() {
			return this.number;
		}

		@Override
		public void close() {
			try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
				statement.setInt(1, LOCK_SPACE);
				statement.setInt(2, this.number);
				statement.execute();
			}
			catch (SQLException ex) {
				// the session may be gone; a lost session has released its locks already
			}
			finally {
				closeQuietly(this.connection);
			}
		}

	}

}
