package org.spotifymcp.shared.imports;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An uploaded export waiting for, undergoing or done with import, with its progress. The
 * resume position is the last committed batch, so a killed import continues where it
 * stopped.
 */
@Entity
@Table(name = "import_jobs")
public class ImportJob {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false)
	private Integer userId;

	@Column(name = "status", nullable = false)
	@Convert(converter = ImportStatusConverter.class)
	private ImportStatus status = ImportStatus.PENDING;

	@Column(name = "original_filename", nullable = false)
	private String originalFilename;

	@Column(name = "stored_path", nullable = false)
	private String storedPath;

	@Column(name = "file_size_bytes", nullable = false)
	private long fileSizeBytes;

	@Column(name = "format_detected")
	private String formatDetected;

	@Column(name = "bytes_processed", nullable = false)
	private long bytesProcessed;

	@Column(name = "records_processed", nullable = false)
	private long recordsProcessed;

	@Column(name = "records_total_estimate")
	private Long recordsTotalEstimate;

	@Column(name = "records_inserted", nullable = false)
	private long recordsInserted;

	@Column(name = "duplicates", nullable = false)
	private long duplicates;

	@Column(name = "skipped", nullable = false)
	private long skipped;

	@Column(name = "skipped_episodes", nullable = false)
	private long skippedEpisodes;

	@Column(name = "skipped_no_track", nullable = false)
	private long skippedNoTrack;

	@Column(name = "replaced_account_plays", nullable = false)
	private long replacedAccountPlays;

	@Column(name = "earliest_played_at")
	private Instant earliestPlayedAt;

	@Column(name = "latest_played_at")
	private Instant latestPlayedAt;

	@Column(name = "resume_entry_index", nullable = false)
	private int resumeEntryIndex;

	@Column(name = "resume_record_index", nullable = false)
	private long resumeRecordIndex;

	@Column(name = "error_message")
	private String errorMessage;

	@Column(name = "claimed_by")
	private String claimedBy;

	@Column(name = "heartbeat_at")
	private Instant heartbeatAt;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	protected ImportJob() {
	}

	public ImportJob(Integer userId, String originalFilename, String storedPath, long fileSizeBytes) {
		this.userId = userId;
		this.originalFilename = originalFilename;
		this.storedPath = storedPath;
		this.fileSizeBytes = fileSizeBytes;
	}

	public Long getId() {
		return this.id;
	}

	public Integer getUserId() {
		return this.userId;
	}

	public ImportStatus getStatus() {
		return this.status;
	}

	public String getOriginalFilename() {
		return this.originalFilename;
	}

	public String getStoredPath() {
		return this.storedPath;
	}

	public long getFileSizeBytes() {
		return this.fileSizeBytes;
	}

	public String getFormatDetected() {
		return this.formatDetected;
	}

	public long getBytesProcessed() {
		return this.bytesProcessed;
	}

	public long getRecordsProcessed() {
		return this.recordsProcessed;
	}

	public Long getRecordsTotalEstimate() {
		return this.recordsTotalEstimate;
	}

	public long getRecordsInserted() {
		return this.recordsInserted;
	}

	public long getDuplicates() {
		return this.duplicates;
	}

	public long getSkipped() {
		return this.skipped;
	}

	/** Podcast and video episodes and audiobook chapters: not music. */
	public long getSkippedEpisodes() {
		return this.skippedEpisodes;
	}

	/** Records without a track URI or name: nothing to identify. */
	public long getSkippedNoTrack() {
		return this.skippedNoTrack;
	}

	/**
	 * Skipped records of jobs imported before skips were counted by reason.
	 */
	public long getSkippedUnexplained() {
		return Math.max(0, this.skipped - this.skippedEpisodes - this.skippedNoTrack);
	}

	/**
	 * Account-data plays of the same listens replaced by this job's records (part of the
	 * new plays, not extra ones).
	 */
	public long getReplacedAccountPlays() {
		return this.replacedAccountPlays;
	}

	public Instant getEarliestPlayedAt() {
		return this.earliestPlayedAt;
	}

	public Instant getLatestPlayedAt() {
		return this.latestPlayedAt;
	}

	public int getResumeEntryIndex() {
		return this.resumeEntryIndex;
	}

	public long getResumeRecordIndex() {
		return this.resumeRecordIndex;
	}

	public String getErrorMessage() {
		return this.errorMessage;
	}

	public String getClaimedBy() {
		return this.claimedBy;
	}

	public Instant getHeartbeatAt() {
		return this.heartbeatAt;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

	/** Share of the file read so far, 0 to 100, for progress bars. */
	public int percentDone() {
		if (this.status == ImportStatus.SUCCESS) {
			return 100;
		}
		if (this.fileSizeBytes <= 0) {
			return 0;
		}
		return (int) Math.min(100, this.bytesProcessed * 100 / this.fileSizeBytes);
	}

}
