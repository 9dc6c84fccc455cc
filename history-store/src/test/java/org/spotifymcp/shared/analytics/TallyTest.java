package org.spotifymcp.shared.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Window sums in Java: keys whose plays cancel out disappear, and the candidates for a
 * top list keep every key tied with the limit-th play count (up to a cap), so the final
 * ordering by name sees all of them.
 */
class TallyTest {

	@Test
	void intTallySumsGrowsAndPicksCandidatesWithTies() {
		IntTally tally = new IntTally();
		tally.add(1, 5, 500);
		tally.add(2, 3, 300);
		tally.add(3, 3, 300);
		tally.add(4, 3, 300);
		tally.add(5, 1, 100);
		tally.add(6, 2, 200);
		tally.add(6, -2, -200);
		tally.add(1, 1, 100);
		// An edge subtracted before the month it belongs to is added.
		tally.add(7, -1, -50);
		tally.add(7, 3, 350);
		tally.add(7, -2, -300);
		// Enough keys to grow the table several times; they all cancel out.
		for (int key = 100; key < 5000; key++) {
			tally.add(key, 1, 1);
			tally.add(key, -1, -1);
		}
		tally = tally.withoutEmpty();

		assertThat(tally.size()).isEqualTo(5);
		assertThat(tally.totalPlays()).isEqualTo(16);
		assertThat(tally.totalMs()).isEqualTo(1600);
		assertThat(tally.contains(7)).as("0 plays left").isFalse();
		assertThat(tally.plays(1)).isEqualTo(6);
		assertThat(tally.contains(6)).isFalse();
		assertThat(tally.contains(4000)).isFalse();
		assertThat(tally.countWithPlays(3)).isEqualTo(3);
		assertThat(tally.candidates(2, 1, 1000)).extracting(Tally.Entry::key)
			.startsWith(1)
			.containsExactlyInAnyOrder(1, 2, 3, 4);
		assertThat(tally.candidates(2, 1, 1)).hasSize(3);
		assertThat(tally.candidates(10, 3, 1000)).extracting(Tally.Entry::key).containsExactlyInAnyOrder(1, 2, 3, 4);
		assertThat(tally.candidates(10, 7, 1000)).isEmpty();
	}

	@Test
	void textTallyDropsCancelledKeys() {
		Tally<String> tally = new Tally<>();
		tally.add("alpha", 2, 20);
		tally.add("beta", 1, 10);
		tally.add("beta", -1, -10);
		tally.add("alpha", 1, 10);
		tally.withoutEmpty();
		assertThat(tally.size()).isEqualTo(1);
		assertThat(tally.plays("alpha")).isEqualTo(3);
		assertThat(tally.plays("beta")).isZero();
		assertThat(tally.entries()).containsExactly(new Tally.Entry<>("alpha", 3L, 30L));
	}

}
