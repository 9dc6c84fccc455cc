package org.spotifymcp.collector;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread that dies of an OutOfMemoryError ends the collector (to be restarted) instead
 * of leaving it alive without that thread; other failures go to the previous handler.
 */
class OutOfMemoryExitTest {

	private final List<Integer> halts = new ArrayList<>();

	private final List<Throwable> passedOn = new ArrayList<>();

	private final OutOfMemoryExit handler = new OutOfMemoryExit((thread, failure) -> this.passedOn.add(failure),
			this.halts::add);

	@Test
	void outOfMemoryHaltsTheProcess() {
		this.handler.uncaughtException(new Thread("log-writer"), new OutOfMemoryError("Java heap space"));
		assertThat(this.halts).containsExactly(OutOfMemoryExit.EXIT_STATUS);
		assertThat(this.passedOn).isEmpty();
	}

	@Test
	void outOfMemoryWrappedInAnotherFailureHaltsToo() {
		this.handler.uncaughtException(new Thread("job-poller"),
				new IllegalStateException("task failed", new OutOfMemoryError("Java heap space")));
		assertThat(this.halts).containsExactly(OutOfMemoryExit.EXIT_STATUS);
	}

	@Test
	void otherFailuresArePassedOn() {
		IllegalStateException failure = new IllegalStateException("bug");
		this.handler.uncaughtException(new Thread("worker"), failure);
		assertThat(this.halts).isEmpty();
		assertThat(this.passedOn).containsExactly(failure);
	}

}
