package org.spotifymcp.collector.polling;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The collector's Micrometer meters (exposed on {@code /actuator/prometheus}).
 */
public class CollectorMetrics {

	private final MeterRegistry registry;

	private final Timer pollLatency;

	private final Counter gaps;

	public CollectorMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.pollLatency = Timer.builder("collector.poll.latency")
			.description("Time one incremental poll of one user takes")
			.publishPercentileHistogram()
			.register(registry);
		this.gaps = Counter.builder("collector.coverage.gaps")
			.description("Coverage gaps detected (more plays than the API remembers between two polls)")
			.register(registry);
	}

	public void playsInserted(String job, int count) {
		Counter.builder("collector.plays.inserted")
			.description("Plays stored by the collector")
			.tag("job", job)
			.register(this.registry)
			.increment(count);
	}

	public void rateLimited(String job, int count) {
		if (count > 0) {
			Counter.builder("collector.spotify.rate_limited")
				.description("429 answers from Spotify waited out")
				.tag("job", job)
				.register(this.registry)
				.increment(count);
		}
	}

	public void failure(String job, String reason) {
		Counter.builder("collector.failures")
			.description("Collector runs that failed")
			.tag("job", job)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	public void pollTook(Duration duration) {
		this.pollLatency.record(duration);
	}

	public void gapDetected() {
		this.gaps.increment();
	}

}
