package org.spotifymcp.shared.sync;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A time range in which plays may be missing until an export fills them in: more plays
 * happened than the API's 50-play window could show, or nothing was collected because the
 * listener's Spotify consent had expired ({@link #getReason()} says so).
 */
@Entity
@Table(name = "coverage_gaps")
public class CoverageGap {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false)
	private Integer userId;

	@Column(name = "gap_start", nullable = false)
	private Instant gapStart;

	@Column(name = "gap_end", nullable = false)
	private Instant gapEnd;

	@Column(name = "detected_at", nullable = false)
	private Instant detectedAt = Instant.now();

	@Column(name = "job_run_id")
	private Long jobRunId;

	@Column(name = "reason")
	private String reason;

	protected CoverageGap() {
	}

	public CoverageGap(Integer userId, Instant gapStart, Instant gapEnd, Long jobRunId) {
		this.userId = userId;
		this.gapStart = gapStart;
		this.gapEnd = gapEnd;
		this.jobRunId = jobRunId;
	}

	public Long getId() {
		return this.id;
	}

	public Integer getUserId() {
		return this.userId;
	}

	public Instant getGapStart() {
		return this.gapStart;
	}

	public Instant getGapEnd() {
		return this.gapEnd;
	}

	public Instant getDetectedAt() {
		return this.detectedAt;
	}

	public Long getJobRunId() {
		return this.jobRunId;
	}

	/**
	 * Why the gap exists, e.g. "Spotify consent expired on 2026-12-01; reconnected on
	 * 2026-12-09"; {@code null} for gaps of more plays than the API remembers.
	 */
	public String getReason() {
		return this.reason;
	}

}
