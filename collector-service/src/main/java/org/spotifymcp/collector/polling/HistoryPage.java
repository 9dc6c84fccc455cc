package org.spotifymcp.collector.polling;

import java.time.Instant;
import java.util.List;

/**
 * One page of recently-played.
 *
 * @param plays the plays, newest first
 * @param hasMore whether Spotify said there is a next page
 * @param rateLimited 429 answers met (and waited out) while fetching this page
 * @param retries retried requests while fetching this page
 */
public record HistoryPage(List<HistoryPlay> plays, boolean hasMore, int rateLimited, int retries) {

	public boolean isEmpty() {
		return this.plays.isEmpty();
	}

	public boolean isFull() {
		return this.plays.size() >= ListeningHistory.PAGE_SIZE;
	}

	public Instant newest() {
		return this.plays.stream().map(HistoryPlay::playedAt).max(Instant::compareTo).orElse(null);
	}

	public Instant oldest() {
		return this.plays.stream().map(HistoryPlay::playedAt).min(Instant::compareTo).orElse(null);
	}

}
