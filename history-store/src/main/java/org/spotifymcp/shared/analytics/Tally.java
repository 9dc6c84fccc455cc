package org.spotifymcp.shared.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays and milliseconds per key (an artist key, a genre) in a window, summed in Java
 * from cached whole months and the raw plays at the window's edges; {@link IntTally} does
 * the same for tracks and albums.
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

	long plays(K key) {
		long[] sum = this.sums.get(key);
		return (sum != null) ? sum[0] : 0;
	}

	List<Entry<K>> entries() {
		List<Entry<K>> entries = new ArrayList<>(this.sums.size());
		this.sums.forEach((key, sum) -> entries.add(new Entry<>(key, sum[0], sum[1])));
		return entries;
	}

}
