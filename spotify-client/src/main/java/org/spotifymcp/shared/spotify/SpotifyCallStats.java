package org.spotifymcp.shared.spotify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what one job's Spotify calls cost, for {@code job_runs.stats}: requests sent,
 * retries, 429 answers and the time waited for them, token refreshes. Thread-safe; give
 * one instance to all calls of a job.
 */
public final class SpotifyCallStats {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong rateLimited = new AtomicLong();

	private final AtomicLong rateLimitWaitMillis = new AtomicLong();

	private final AtomicLong tokenRefreshes = new AtomicLong();

	void request() {
		this.requests.incrementAndGet();
	}

	void retry() {
		this.retries.incrementAndGet();
	}

	void rateLimited(long waitMillis) {
		this.rateLimited.incrementAndGet();
		this.rateLimitWaitMillis.addAndGet(waitMillis);
	}

	void tokenRefresh() {
		this.tokenRefreshes.incrementAndGet();
	}

	public long requests() {
		return this.requests.get();
	}

	public long retries() {
		return this.retries.get();
	}

	public long rateLimited() {
		return this.rateLimited.get();
	}

	public long rateLimitWaitMillis() {
		return this.rateLimitWaitMillis.get();
	}

	public long tokenRefreshes() {
		return this.tokenRefreshes.get();
	}

	/**
	 * The figures under the keys {@code job_runs.stats} uses: {@code requests},
	 * {@code retries}, {@code rate_limited}, {@code rate_limit_wait_ms},
	 * {@code token_refreshes}.
	 */
	public Map<String, Long> asMap() {
		Map<String, Long> map = new LinkedHashMap<>();
		map.put("requests", requests());
		map.put("retries", retries());
		map.put("rate_limited", rateLimited());
		map.put("rate_limit_wait_ms", rateLimitWaitMillis());
		map.put("token_refreshes", tokenRefreshes());
		return map;
	}

	@Override
	public String toString() {
		return asMap().toString();
	}

}
