package org.spotifymcp.shared.imports;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An import job as the API and UI show it (snake_case JSON, no server paths). Every
 * record read is counted once: {@code records_processed = records_inserted + duplicates +
 * skipped}, and {@code skipped = skipped_episodes + skipped_no_track} for jobs imported
 * since skips are counted by reason.
 */
public record ImportJobView(@JsonProperty("id") long id, @JsonProperty("user_id") int userId,
		@JsonProperty("status") String status, @JsonProperty("original_filename") String originalFilename,
		@JsonProperty("file_size_bytes") long fileSizeBytes, @JsonProperty("format_detected") String formatDetected,
		@JsonProperty("bytes_processed") long bytesProcessed, @JsonProperty("percent_done") int percentDone,
		@JsonProperty("records_processed") long recordsProcessed,
		@JsonProperty("records_total_estimate") Long recordsTotalEstimate,
		@JsonProperty("records_inserted") long recordsInserted, @JsonProperty("duplicates") long duplicates,
		@JsonProperty("skipped") long skipped, @JsonProperty("skipped_episodes") long skippedEpisodes,
		@JsonProperty("skipped_no_track") long skippedNoTrack,
		@JsonProperty("replaced_account_plays") long replacedAccountPlays,
		@JsonProperty("earliest_played_at") Instant earliestPlayedAt,
		@JsonProperty("latest_played_at") Instant latestPlayedAt, @JsonProperty("error_message") String errorMessage,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("started_at") Instant startedAt,
		@JsonProperty("finished_at") Instant finishedAt) {

	public static ImportJobView of(ImportJob job) {
		return new ImportJobView(job.getId(), job.getUserId(),
				job.getStatus().name().toLowerCase(java.util.Locale.ROOT), job.getOriginalFilename(),
				job.getFileSizeBytes(), job.getFormatDetected(), job.getBytesProcessed(), job.percentDone(),
				job.getRecordsProcessed(), job.getRecordsTotalEstimate(), job.getRecordsInserted(), job.getDuplicates(),
				job.getSkipped(), job.getSkippedEpisodes(), job.getSkippedNoTrack(), job.getReplacedAccountPlays(),
				job.getEarliestPlayedAt(), job.getLatestPlayedAt(), job.getErrorMessage(), job.getCreatedAt(),
				job.getStartedAt(), job.getFinishedAt());
	}

}
