package org.spotifymcp.shared.sync;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user's collection state: initial sync progress, the latest collected play and the
 * polling pace.
 */
@Entity
@Table(name = "sync_checkpoints")
public class SyncCheckpoint {

	@Id
	@Column(name = "user_id")
	private Integer userId;

	@Column(name = "status", nullable = false)
	@Convert(converter = CheckpointStatusConverter.class)
	private CheckpointStatus status = CheckpointStatus.IDLE;

	@Column(name = "initial_sync_started_at")
	private Instant initialSyncStartedAt;

	@Column(name = "initial_sync_completed_at")
	private Instant initialSyncCompletedAt;

	@Column(name = "initial_sync_earliest_at")
	private Instant initialSyncEarliestAt;

	@Column(name = "last_poll_at")
	private Instant lastPollAt;

	@Column(name = "last_played_at")
	private Instant lastPlayedAt;

	@Column(name = "next_poll_at")
	private Instant nextPollAt;

	@Column(name = "poll_interval_seconds")
	private Integer pollIntervalSeconds;

	@Column(name = "consecutive_failures", nullable = false)
	private int consecutiveFailures;

	@Column(name = "last_error")
	private String lastError;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt = Instant.now();

	protected SyncCheckpoint() {
	}

	public SyncCheckpoint(Integer userId) {
		this.userId = userId;
	}

	public Integer getUserId() {
		return this.userId;
	}

	public CheckpointStatus getStatus() {
		return this.status;
	}

	public void moveTo(CheckpointStatus status) {
		this.status = status;
		this.updatedAt = Instant.now();
	}

	public Instant getInitialSyncStartedAt() {
		return this.initialSyncStartedAt;
	}

	public Instant getInitialSyncCompletedAt() {
		return this.initialSyncCompletedAt;
	}

	public Instant getInitialSyncEarliestAt() {
		return this.initialSyncEarliestAt;
	}

	public Instant getLastPollAt() {
		return this.lastPollAt;
	}

	public Instant getLastPlayedAt() {
		return this.lastPlayedAt;
	}

	public Instant getNextPollAt() {
		return this.nextPollAt;
	}

	public Integer getPollIntervalSeconds() {
		return this.pollIntervalSeconds;
	}

	public int getConsecutiveFailures() {
		return this.consecutiveFailures;
	}

	public String getLastError() {
		return this.lastError;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
