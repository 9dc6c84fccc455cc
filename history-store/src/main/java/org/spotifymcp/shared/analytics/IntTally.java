package org.spotifymcp.shared.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@link Tally} for integer keys (tracks, albums) on one primitive array: a year of a
 * heavy listener's months is some 60,000 additions per question, and boxed map entries
 * (or one array per field) cost a cache miss per field. Each slot is two longs: the key
 * plus one (zero marks a free slot) in the high half and the plays in the low half of the
 * first, the milliseconds in the second. Open addressing, linear probing.
 */
final class IntTally {

	private long[] slots;

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
		this.slots = new long[capacity * 2];
	}

	void add(int key, long plays, long ms) {
		int slot = slot(key);
		long head = this.slots[slot];
		if (head == 0) {
			head = ((long) key + 1) << 32;
			if (++this.size * 4 > this.slots.length) {
				this.slots[slot] = head;
				grow();
				slot = slot(key);
				head = this.slots[slot];
			}
		}
		this.slots[slot] = (head & 0xFFFFFFFF00000000L) | ((int) head + (int) plays & 0xFFFFFFFFL);
		this.slots[slot + 1] += ms;
	}

	/**
	 * The index of the key's slot (its first long), or of the free slot where it goes.
	 */
	private int slot(int key) {
		int mask = (this.slots.length >> 1) - 1;
		int hash = key * 0x9E3779B9;
		int index = (hash ^ (hash >>> 16)) & mask;
		long stored = (long) key + 1;
		while (true) {
			long head = this.slots[index << 1];
			if (head == 0 || (head >>> 32) == stored) {
				return index << 1;
			}
			index = (index + 1) & mask;
		}
	}

	private void grow() {
		long[] old = this.slots;
		this.slots = new long[old.length * 2];
		for (int i = 0; i < old.length; i += 2) {
			if (old[i] != 0) {
				int slot = slot(key(old[i]));
				this.slots[slot] = old[i];
				this.slots[slot + 1] = old[i + 1];
			}
		}
	}

	private static int key(long head) {
		return (int) ((head >>> 32) - 1);
	}

	private static int playsOf(long head) {
		return (int) head;
	}

	/** Drops keys whose plays cancel out (edges read "whole month minus the rest"). */
	IntTally withoutEmpty() {
		boolean any = false;
		for (int i = 0; i < this.slots.length; i += 2) {
			any |= this.slots[i] != 0 && playsOf(this.slots[i]) <= 0;
		}
		if (!any) {
			return this;
		}
		IntTally kept = new IntTally(this.size);
		for (int i = 0; i < this.slots.length; i += 2) {
			if (this.slots[i] != 0 && playsOf(this.slots[i]) > 0) {
				kept.add(key(this.slots[i]), playsOf(this.slots[i]), this.slots[i + 1]);
			}
		}
		return kept;
	}

	int size() {
		return this.size;
	}

	boolean contains(int key) {
		return this.slots[slot(key)] != 0;
	}

	long plays(int key) {
		return playsOf(this.slots[slot(key)]);
	}

	long totalPlays() {
		long total = 0;
		for (int i = 0; i < this.slots.length; i += 2) {
			total += playsOf(this.slots[i]);
		}
		return total;
	}

	long totalMs() {
		long total = 0;
		for (int i = 1; i < this.slots.length; i += 2) {
			total += this.slots[i];
		}
		return total;
	}

	/** How many keys have exactly this many plays. */
	long countWithPlays(long plays) {
		long count = 0;
		for (int i = 0; i < this.slots.length; i += 2) {
			count += (this.slots[i] != 0 && playsOf(this.slots[i]) == plays) ? 1 : 0;
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
		return candidates(limit, minPlays, extraTies, TopOrder.PLAYS);
	}

	/**
	 * {@link #candidates(int, long, int)} ranked by plays or by listening time: every key
	 * of the tally competes either way.
	 * @param limit how many are wanted
	 * @param minPlays fewest plays a key must have
	 * @param extraTies how many tied keys beyond the limit to keep at most
	 * @param order plays or listening time
	 * @return the candidates, first by the order
	 */
	List<Tally.Entry<Integer>> candidates(int limit, long minPlays, int extraTies, TopOrder order) {
		boolean byTime = order == TopOrder.TIME;
		PriorityQueue<Long> highest = new PriorityQueue<>();
		for (int i = 0; i < this.slots.length; i += 2) {
			long plays = playsOf(this.slots[i]);
			if (this.slots[i] != 0 && plays >= minPlays) {
				long value = byTime ? this.slots[i + 1] : plays;
				if (highest.size() < limit || value > highest.peek()) {
					highest.add(value);
					if (highest.size() > limit) {
						highest.poll();
					}
				}
			}
		}
		long cut = (highest.size() < limit) ? (byTime ? Long.MIN_VALUE : minPlays) : highest.peek();
		List<Tally.Entry<Integer>> candidates = new ArrayList<>();
		for (int i = 0; i < this.slots.length; i += 2) {
			long plays = playsOf(this.slots[i]);
			if (this.slots[i] != 0 && plays >= minPlays && (byTime ? this.slots[i + 1] : plays) >= cut) {
				candidates.add(new Tally.Entry<>(key(this.slots[i]), plays, this.slots[i + 1]));
			}
		}
		candidates.sort(byTime ? Comparator.comparingLong(Tally.Entry<Integer>::ms).reversed()
				: Comparator.comparingLong(Tally.Entry<Integer>::plays).reversed());
		return candidates.subList(0, Math.min(candidates.size(), limit + extraTies));
	}

}
