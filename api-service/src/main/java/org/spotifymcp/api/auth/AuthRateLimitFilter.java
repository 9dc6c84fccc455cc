package org.spotifymcp.api.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code RATE_LIMIT_AUTH_PER_MINUTE} requests per minute and client IP on {@code /auth/*}
 * (bucket4j token buckets); more get 429 with {@code Retry-After}. The client IP is the
 * connection's address: forwarded headers are not trusted here.
 */
class AuthRateLimitFilter extends OncePerRequestFilter {

	/**
	 * Beyond this many tracked addresses the table starts afresh, so it cannot grow
	 * unbounded.
	 */
	private static final int MAX_TRACKED_ADDRESSES = 10_000;

	private final int perMinute;

	private final AuthPages pages;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	AuthRateLimitFilter(int perMinute, AuthPages pages) {
		this.perMinute = perMinute;
		this.pages = pages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.buckets.size() > MAX_TRACKED_ADDRESSES) {
			this.buckets.clear();
		}
		Bucket bucket = this.buckets.computeIfAbsent(request.getRemoteAddr(), (address) -> Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.perMinute).refillIntervally(this.perMinute, Duration.ofMinutes(1)))
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
		response.setStatus(429);
		response.setHeader("Retry-After", String.valueOf(retryAfter));
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter().write(this.pages.tooManyRequests(retryAfter));
	}

}
