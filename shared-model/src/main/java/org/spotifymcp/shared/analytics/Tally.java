package org.spotifymcp.shared.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Plays and milliseconds per key (a track, an artist key, an album) in a window, summed
 * in Java from cached whole months and the raw plays at the window's edges.
 *
 * @param <K> the key type
 */
final class Tally<K> {

	/** A key's plays and milliseconds. */
	record Entry<K>(K key, long plays, long ms) {

	}

	private final Map<K, long[]> sums = new HashMap<>();

	void add(K key, long plays, long ms) {
		long[] sum = this.sums.get(key);
		if (sum == null) {
			this.sums.put(key, new long[] { plays, ms });
		}
		else {
			sum[0] += plays;
			sum[1] += ms;
		}
	}

	/** Drops keys whose plays cancel out (edges read "whole month minus the rest"). */
	Tally<K> withoutEmpty() {
		this.sums.values().removeIf((sum) -> sum[0] <= 0);
		return this;
	}

	int size() {
		return this.sums.size();
	}

	boolean contains(K key) {
		return this.sums.containsKey(key);
	}

	long plays(K key) {
		long[] sum = this.sums.get(key);
		return (sum != null) ? sum[0] : 0;
	}

	long totalPlays() {
		return this.sums.values().stream().mapToLong((sum) -> sum[0]).sum();
	}

	long totalMs() {
		return this.sums.values().stream().mapToLong((sum) -> sum[1]).sum();
	}

	long count(Predicate<Entry<K>> test) {
		return entries().stream().filter(test).count();
	}

	List<Entry<K>> entries() {
		List<Entry<K>> entries = new ArrayList<>(this.sums.size());
		this.sums.forEach((key, sum) -> entries.add(new Entry<>(key, sum[0], sum[1])));
		return entries;
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
	List<Entry<K>> candidates(int limit, long minPlays, int extraTies) {
		return candidates(limit, minPlays, extraTies, (entry) -> true);
	}

	List<Entry<K>> candidates(int limit, long minPlays, int extraTies, Predicate<Entry<K>> test) {
		List<Entry<K>> wanted = new ArrayList<>();
		PriorityQueue<Long> highest = new PriorityQueue<>();
		this.sums.forEach((key, sum) -> {
			if (sum[0] < minPlays || (highest.size() >= limit && sum[0] < highest.peek())) {
				return;
			}
			Entry<K> entry = new Entry<>(key, sum[0], sum[1]);
			if (test.test(entry)) {
				wanted.add(entry);
				highest.add(sum[0]);
				if (highest.size() > limit) {
					highest.poll();
				}
			}
		});
		long cut = (highest.size() < limit) ? minPlays : highest.peek();
		wanted.removeIf((entry) -> entry.plays() < cut);
		wanted.sort(Comparator.comparingLong(Entry<K>::plays).reversed());
		return wanted.subList(0, Math.min(wanted.size(), limit + extraTies));
	}

}
