package org.spotifymcp.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, request by request, which injected faults hit. The probability draws come from
 * a seeded generator, so a run with the same requests in the same order fails the same
 * way.
 */
final class FaultInjector {

	private final List<ActiveFault> faults = new CopyOnWriteArrayList<>();

	private final AtomicLong nextId = new AtomicLong(1);

	private final Clock clock;

	private final SplittableRandom random;

	private final AtomicLong hits = new AtomicLong();

	FaultInjector(Clock clock, long seed) {
		this.clock = clock;
		this.random = new SplittableRandom(seed);
	}

	long add(Fault fault) {
		long id = this.nextId.getAndIncrement();
		this.faults.add(new ActiveFault(id, fault, new AtomicInteger(fault.times()), new AtomicLong()));
		return id;
	}

	void remove(long id) {
		this.faults.removeIf((active) -> active.id() == id);
	}

	void clear() {
		this.faults.clear();
	}

	List<Fault> active() {
		List<Fault> result = new ArrayList<>();
		this.faults.forEach((active) -> result.add(active.fault()));
		return result;
	}

	long hits() {
		return this.hits.get();
	}

	/** Every active rule with its id and the requests it hit so far. */
	List<Hits> hitsByRule() {
		return this.faults.stream()
			.map((active) -> new Hits(active.id(), active.fault(), active.hits().get()))
			.toList();
	}

	/**
	 * The faults that hit one request: total delay of the slow ones, and the first other
	 * fault, if any.
	 * @param target the host asked
	 * @param caller the user and app behind the request, as far as known
	 * @param refreshGrant whether the request is a refresh-token grant
	 */
	Decision decide(Fault.Target target, Caller caller, boolean refreshGrant) {
		if (this.faults.isEmpty()) {
			return Decision.NONE;
		}
		Duration delay = Duration.ZERO;
		Fault failure = null;
		Instant now = this.clock.instant();
		for (ActiveFault active : this.faults) {
			Fault fault = active.fault();
			boolean slow = fault.kind() == Fault.Kind.SLOW;
			if ((!slow && failure != null) || !applies(fault, target, caller, refreshGrant, now) || !draw(active)) {
				continue;
			}
			this.hits.incrementAndGet();
			active.hits().incrementAndGet();
			if (slow) {
				delay = delay.plus(fault.delay());
			}
			else {
				failure = fault;
			}
		}
		return new Decision(delay, Optional.ofNullable(failure));
	}

	private static boolean applies(Fault fault, Fault.Target target, Caller caller, boolean refreshGrant, Instant now) {
		if (fault.target() != Fault.Target.ALL && fault.target() != target) {
			return false;
		}
		if (fault.kind() == Fault.Kind.REVOKED_REFRESH_TOKEN && !refreshGrant) {
			return false;
		}
		if (fault.userId() != null && !fault.userId().equals(caller.userId())) {
			return false;
		}
		if (fault.clientId() != null && !fault.clientId().equals(caller.clientId())) {
			return false;
		}
		if (fault.owner() != null && !fault.owner().equals(caller.owner())) {
			return false;
		}
		if (fault.from() != null && now.isBefore(fault.from())) {
			return false;
		}
		return fault.until() == null || now.isBefore(fault.until());
	}

	private boolean draw(ActiveFault active) {
		if (active.fault().probability() < 1) {
			double value;
			synchronized (this.random) {
				value = this.random.nextDouble();
			}
			if (value >= active.fault().probability()) {
				return false;
			}
		}
		if (active.fault().times() < 0) {
			return true;
		}
		return active.remaining().getAndUpdate((left) -> Math.max(0, left - 1)) > 0;
	}

	record Decision(Duration delay, Optional<Fault> failure) {

		static final Decision NONE = new Decision(Duration.ZERO, Optional.empty());

	}

	/**
	 * Who is behind a request.
	 *
	 * @param userId the Spotify user, if known
	 * @param clientId the app whose token or credentials it carries, if known
	 * @param owner the developer account owning that app, if known
	 */
	record Caller(String userId, String clientId, String owner) {
	}

	/**
	 * An active rule and how many requests it hit.
	 *
	 * @param id the rule's id
	 * @param fault the rule
	 * @param hits requests hit so far
	 */
	record Hits(long id, Fault fault, long hits) {
	}

	private record ActiveFault(long id, Fault fault, AtomicInteger remaining, AtomicLong hits) {
	}

}
