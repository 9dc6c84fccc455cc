package org.spotifymcp.shared.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One run of a collector job (poll, initial sync, import, purge) with its statistics.
 */
@Entity
@Table(name = "job_runs")
public class JobRun {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "job_type", nullable = false)
	private String jobType;

	@Column(name = "user_id")
	private Integer userId;

	@Column(name = "status", nullable = false)
	@Convert(converter = JobRunStatusConverter.class)
	private JobRunStatus status = JobRunStatus.RUNNING;

	@Column(name = "started_at", nullable = false)
	private Instant startedAt = Instant.now();

	@Column(name = "finished_at")
	private Instant finishedAt;

	@Column(name = "heartbeat_at")
	private Instant heartbeatAt;

	@Column(name = "instance_id")
	private String instanceId;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(name = "stats", nullable = false)
	private Map<String, Object> stats = new LinkedHashMap<>();

	@Column(name = "error_message")
	private String errorMessage;

	protected JobRun() {
	}

	public JobRun(String jobType, Integer userId, String instanceId) {
		this.jobType = jobType;
		this.userId = userId;
		this.instanceId = instanceId;
		this.heartbeatAt = this.startedAt;
	}

	public void finish(JobRunStatus status, Map<String, Object> stats, String errorMessage) {
		this.status = status;
		this.stats = new LinkedHashMap<>(stats);
		this.errorMessage = errorMessage;
		this.finishedAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public String getJobType() {
		return this.jobType;
	}

	public Integer getUserId() {
		return this.userId;
	}

	public JobRunStatus getStatus() {
		return this.status;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

	public Instant getHeartbeatAt() {
		return this.heartbeatAt;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public Map<String, Object> getStats() {
		return this.stats;
	}

	public String getErrorMessage() {
		return this.errorMessage;
	}

}
