package org.spotifymcp.bench.apimemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a process's resident memory from {@code /proc/PID/status} every few hundred
 * milliseconds: VmRSS (now) and VmHWM (the kernel's own peak, which also catches spikes
 * between two samples), plus the thread count.
 */
final class RssSampler implements AutoCloseable {

	private final Path status;

	private final AtomicLong maxRssKb = new AtomicLong();

	private final AtomicLong maxThreads = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	RssSampler(long pid) {
		this.status = Path.of("/proc", Long.toString(pid), "status");
		this.thread = new Thread(this::sample, "rss-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** One reading of the process's status file. */
	record Reading(long rssKb, long hwmKb, long threads) {

		String describe() {
			return String.format("VmRSS %.1f MiB, VmHWM %.1f MiB, %d threads", this.rssKb / 1024.0, this.hwmKb / 1024.0,
					this.threads);
		}

	}

	Reading read() throws IOException {
		long rss = 0;
		long hwm = 0;
		long threads = 0;
		for (String line : Files.readAllLines(this.status)) {
			if (line.startsWith("VmRSS:")) {
				rss = kilobytes(line);
			}
			else if (line.startsWith("VmHWM:")) {
				hwm = kilobytes(line);
			}
			else if (line.startsWith("Threads:")) {
				threads = kilobytes(line);
			}
		}
		return new Reading(rss, hwm, threads);
	}

	long maxSampledRssKb() {
		return this.maxRssKb.get();
	}

	long maxThreads() {
		return this.maxThreads.get();
	}

	private void sample() {
		while (this.running) {
			try {
				Reading reading = read();
				this.maxRssKb.accumulateAndGet(reading.rssKb(), Math::max);
				this.maxThreads.accumulateAndGet(reading.threads(), Math::max);
				Thread.sleep(200);
			}
			catch (IOException ex) {
				// the process has ended
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static long kilobytes(String line) {
		return Long.parseLong(line.replaceAll("\\D", ""));
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(1000);
	}

}
