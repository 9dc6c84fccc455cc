package org.spotifymcp.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's notion of "now". Either frozen (tests move it with {@link #advance} and
 * {@link #setNow}) or ticking with real time from a chosen start (standalone runs). All
 * expiry decisions and the "last 50 plays before now" rule read this clock.
 */
public final class EmulatorClock extends Clock {

	private final Clock realTime;

	private final boolean ticking;

	/** For a frozen clock the current instant; for a ticking one the offset base. */
	private final AtomicReference<Anchor> anchor;

	/** Told after every move of the clock, to save the state. */
	private final Runnable changed;

	EmulatorClock(Instant start, boolean ticking, Clock realTime, Runnable changed) {
		this.realTime = realTime;
		this.ticking = ticking;
		this.changed = changed;
		this.anchor = new AtomicReference<>(new Anchor(start, realTime.instant()));
	}

	@Override
	public Instant instant() {
		Anchor current = this.anchor.get();
		if (!this.ticking) {
			return current.emulated();
		}
		return current.emulated().plus(Duration.between(current.real(), this.realTime.instant()));
	}

	/**
	 * Moves the clock forward (or backward with a negative duration).
	 * @param duration how far
	 * @return the new "now"
	 */
	public Instant advance(Duration duration) {
		Anchor moved = this.anchor
			.updateAndGet((current) -> new Anchor(current.emulated().plus(duration), current.real()));
		this.changed.run();
		return this.ticking ? instant() : moved.emulated();
	}

	/**
	 * Jumps to an instant; a ticking clock keeps ticking from there.
	 * @param now the new "now"
	 */
	public void setNow(Instant now) {
		this.anchor.set(new Anchor(now, this.realTime.instant()));
		this.changed.run();
	}

	/** Real time, as this clock reads it. */
	Instant realNow() {
		return this.realTime.instant();
	}

	public boolean isTicking() {
		return this.ticking;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the emulator clock is always UTC");
	}

	private record Anchor(Instant emulated, Instant real) {
	}

}
