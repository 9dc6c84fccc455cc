package org.spotifymcp.collector.polling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one job run, stored as {@code job_runs.stats}. Owned by the single thread
 * running the job.
 */
public final class RunStats {

	private int fetched;

	private int inserted;

	private int rateLimited;

	private int retries;

	private int pages;

	private String stopReason;

	public void page(HistoryPage page, int newPlays) {
		this.pages++;
		this.fetched += page.plays().size();
		this.inserted += newPlays;
		this.rateLimited += page.rateLimited();
		this.retries += page.retries();
	}

	public void rateLimited(int count) {
		this.rateLimited += count;
	}

	public void stopBecause(String reason) {
		this.stopReason = reason;
	}

	public int fetched() {
		return this.fetched;
	}

	public int inserted() {
		return this.inserted;
	}

	public int duplicates() {
		return this.fetched - this.inserted;
	}

	public int rateLimitedCount() {
		return this.rateLimited;
	}

	public int pages() {
		return this.pages;
	}

	public String stopReason() {
		return this.stopReason;
	}

	public Map<String, Object> asMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("fetched", this.fetched);
		map.put("inserted", this.inserted);
		map.put("duplicates", duplicates());
		map.put("rate_limited", this.rateLimited);
		map.put("retries", this.retries);
		map.put("pages", this.pages);
		if (this.stopReason != null) {
			map.put("stop_reason", this.stopReason);
		}
		return map;
	}

}
