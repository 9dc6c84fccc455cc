package org.spotifymcp.collector;

import java.util.function.IntConsumer;

/**
 * Ends the collector when it runs out of heap. A JVM that survives an
 * {@link OutOfMemoryError} keeps answering some requests while threads that hit the error
 * (the job engine's poller, the log writer) are gone: a live but broken collector that no
 * container restart replaces. Exiting lets the container (or {@code ./run-local}) restart
 * it; the interrupted work resumes from its last commit. The JVM option
 * {@code -XX:+ExitOnOutOfMemoryError} (Dockerfile, compose, local launcher) does the same
 * earlier; this covers a JVM started without it.
 */
public final class OutOfMemoryExit implements Thread.UncaughtExceptionHandler {

	/** Exit status after running out of memory. */
	public static final int EXIT_STATUS = 3;

	private final Thread.UncaughtExceptionHandler next;

	private final IntConsumer halt;

	OutOfMemoryExit(Thread.UncaughtExceptionHandler next, IntConsumer halt) {
		this.next = next;
		this.halt = halt;
	}

	/** Makes every thread that dies of an OutOfMemoryError end the process. */
	static void install() {
		Thread.setDefaultUncaughtExceptionHandler(
				new OutOfMemoryExit(Thread.getDefaultUncaughtExceptionHandler(), Runtime.getRuntime()::halt));
	}

	/**
	 * Ends the process if the failure is (or was caused by) running out of memory; for
	 * code that catches every {@link Throwable}, such as the job engine.
	 * @param failure what a task threw
	 */
	public static void haltIfOutOfMemory(Throwable failure) {
		new OutOfMemoryExit(null, Runtime.getRuntime()::halt).exitIfOutOfMemory(Thread.currentThread(), failure);
	}

	@Override
	public void uncaughtException(Thread thread, Throwable failure) {
		if (exitIfOutOfMemory(thread, failure)) {
			return;
		}
		if (this.next != null) {
			this.next.uncaughtException(thread, failure);
		}
		else {
			thread.getThreadGroup().uncaughtException(thread, failure);
		}
	}

	/**
	 * @return false when the failure is not about memory
	 */
	boolean exitIfOutOfMemory(Thread thread, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError) {
				// no logging framework: it may need the memory that is missing
				System.err.println("collector out of memory in thread " + thread.getName() + " (" + cause.getMessage()
						+ "); exiting so it is restarted");
				this.halt.accept(EXIT_STATUS);
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
