package org.spotifymcp.shared.logs;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A log event kept in the database for the admin's log page (WARN and above, and selected
 * INFO).
 */
@Entity
@Table(name = "logs")
public class LogEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "timestamp", nullable = false)
	private Instant timestamp;

	@Column(name = "service", nullable = false)
	private String service;

	@Column(name = "level", nullable = false)
	private String level;

	@Column(name = "logger")
	private String logger;

	@Column(name = "message", nullable = false)
	private String message;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(name = "context", nullable = false)
	private Map<String, Object> context;

	protected LogEntry() {
	}

	public Long getId() {
		return this.id;
	}

	public Instant getTimestamp() {
		return this.timestamp;
	}

	public String getService() {
		return this.service;
	}

	public String getLevel() {
		return this.level;
	}

	public String getLogger() {
		return this.logger;
	}

	public String getMessage() {
		return this.message;
	}

	public Map<String, Object> getContext() {
		return this.context;
	}

}
