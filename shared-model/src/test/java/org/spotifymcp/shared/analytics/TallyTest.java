package org.spotifymcp.shared.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The candidates for a top list keep every key tied with the limit-th play count (up to a
 * cap), so the final ordering by name sees all of them.
 */
class TallyTest {

	@Test
	void candidatesKeepTiesAtTheCutAndDropCancelledKeys() {
		Tally<String> tally = new Tally<>();
		tally.add("a", 5, 500);
		tally.add("b", 3, 300);
		tally.add("c", 3, 300);
		tally.add("d", 3, 300);
		tally.add("e", 1, 100);
		tally.add("gone", 2, 200);
		tally.add("gone", -2, -200);
		tally.add("a", 1, 100);
		tally.withoutEmpty();

		assertThat(tally.size()).isEqualTo(5);
		assertThat(tally.totalPlays()).isEqualTo(16);
		assertThat(tally.totalMs()).isEqualTo(1600);
		assertThat(tally.plays("a")).isEqualTo(6);
		assertThat(tally.contains("gone")).isFalse();
		assertThat(tally.candidates(2, 1, 1000)).extracting(Tally.Entry::key)
			.startsWith("a")
			.containsExactlyInAnyOrder("a", "b", "c", "d");
		assertThat(tally.candidates(2, 1, 1)).hasSize(3);
		assertThat(tally.candidates(10, 3, 1000)).extracting(Tally.Entry::key)
			.containsExactlyInAnyOrder("a", "b", "c", "d");
		assertThat(tally.candidates(10, 7, 1000)).isEmpty();
		assertThat(tally.count((entry) -> entry.plays() == 3)).isEqualTo(3);
	}

}
