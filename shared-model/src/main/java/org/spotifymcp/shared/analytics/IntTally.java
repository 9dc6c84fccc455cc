package org.spotifymcp.shared.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@link Tally} for integer keys (tracks, albums) on primitive arrays: a year of a heavy
 * listener's months is some 60,000 additions per question, and boxing each key cost more
 * than everything else the JVM did for a call. Open addressing, linear probing.
 */
final class IntTally {

	private int[] keys;

	private boolean[] used;

	private long[] plays;

	private long[] ms;

	private int size;

	IntTally() {
		this(256);
	}

	/**
	 * @param expectedKeys about how many keys will be added: the table is sized for them
	 * up front, as growing it rehashes every key
	 */
	IntTally(int expectedKeys) {
		int capacity = Integer.highestOneBit(Math.max(256, Math.min(expectedKeys, 1 << 24)) * 2 - 1) * 2;
		this.keys = new int[capacity];
		this.used = new boolean[capacity];
		this.plays = new long[capacity];
		this.ms = new long[capacity];
	}

	void add(int key, long plays, long ms) {
		int slot = slot(key);
		if (!this.used[slot]) {
			this.used[slot] = true;
			this.keys[slot] = key;
			if (++this.size * 2 > this.keys.length) {
				grow();
				slot = slot(key);
			}
		}
		this.plays[slot] += plays;
		this.ms[slot] += ms;
	}

	private int slot(int key) {
		int mask = this.keys.length - 1;
		int hash = key * 0x9E3779B9;
		int slot = (hash ^ (hash >>> 16)) & mask;
		while (this.used[slot] && this.keys[slot] != key) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	private void grow() {
		int[] oldKeys = this.keys;
		boolean[] oldUsed = this.used;
		long[] oldPlays = this.plays;
		long[] oldMs = this.ms;
		int capacity = oldKeys.length * 2;
		this.keys = new int[capacity];
		this.used = new boolean[capacity];
		this.plays = new long[capacity];
		this.ms = new long[capacity];
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldUsed[i]) {
				int slot = slot(oldKeys[i]);
				this.used[slot] = true;
				this.keys[slot] = oldKeys[i];
				this.plays[slot] = oldPlays[i];
				this.ms[slot] = oldMs[i];
			}
		}
	}

	/** Drops keys whose plays cancel out (edges read "whole month minus the rest"). */
	IntTally withoutEmpty() {
		boolean any = false;
		for (int i = 0; i < this.keys.length; i++) {
			any |= this.used[i] && this.plays[i] <= 0;
		}
		if (!any) {
			return this;
		}
		IntTally kept = new IntTally(this.size);
		for (int i = 0; i < this.keys.length; i++) {
			if (this.used[i] && this.plays[i] > 0) {
				kept.add(this.keys[i], this.plays[i], this.ms[i]);
			}
		}
		return kept;
	}

	int size() {
		return this.size;
	}

	boolean contains(int key) {
		return this.used[slot(key)];
	}

	long plays(int key) {
		int slot = slot(key);
		return this.used[slot] ? this.plays[slot] : 0;
	}

	long totalPlays() {
		long total = 0;
		for (int i = 0; i < this.keys.length; i++) {
			total += this.used[i] ? this.plays[i] : 0;
		}
		return total;
	}

	long totalMs() {
		long total = 0;
		for (int i = 0; i < this.keys.length; i++) {
			total += this.used[i] ? this.ms[i] : 0;
		}
		return total;
	}

	/** How many keys have exactly this many plays. */
	long countWithPlays(long plays) {
		long count = 0;
		for (int i = 0; i < this.keys.length; i++) {
			count += (this.used[i] && this.plays[i] == plays) ? 1 : 0;
		}
		return count;
	}

	/**
	 * The keys at or above the limit-th highest play count (ties included, at most
	 * {@code limit + extraTies}), most played first: what a final ordering by name then
	 * needs to see.
	 * @param limit how many are wanted
	 * @param minPlays fewest plays a key must have
	 * @param extraTies how many tied keys beyond the limit to keep at most
	 * @return the candidates
	 */
	List<Tally.Entry<Integer>> candidates(int limit, long minPlays, int extraTies) {
		PriorityQueue<Long> highest = new PriorityQueue<>();
		for (int i = 0; i < this.keys.length; i++) {
			if (this.used[i] && this.plays[i] >= minPlays
					&& (highest.size() < limit || this.plays[i] > highest.peek())) {
				highest.add(this.plays[i]);
				if (highest.size() > limit) {
					highest.poll();
				}
			}
		}
		long cut = (highest.size() < limit) ? minPlays : highest.peek();
		List<Tally.Entry<Integer>> candidates = new ArrayList<>();
		for (int i = 0; i < this.keys.length; i++) {
			if (this.used[i] && this.plays[i] >= cut) {
				candidates.add(new Tally.Entry<>(this.keys[i], this.plays[i], this.ms[i]));
			}
		}
		candidates.sort(Comparator.comparingLong(Tally.Entry<Integer>::plays).reversed());
		return candidates.subList(0, Math.min(candidates.size(), limit + extraTies));
	}

}
