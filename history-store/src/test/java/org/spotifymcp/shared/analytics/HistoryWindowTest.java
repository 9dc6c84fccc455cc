package org.spotifymcp.shared.analytics;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Window dates the database could not compare plays with are refused up front, naming the
 * field, instead of failing in PostgreSQL ("timestamp out of range").
 */
class HistoryWindowTest {

	private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

	@Test
	void datesBeyondTheDatabaseRangeNameTheirField() {
		assertThatThrownBy(() -> resolve("+300000-01-01", "+300000-01-05")).isInstanceOf(HistoryQueryException.class)
			.hasMessage("start must be between 0001-01-01 and 9999-12-31 (UTC), got '+300000-01-01'");
		assertThatThrownBy(() -> resolve("2024-01-01", "+10000-01-01")).isInstanceOf(HistoryQueryException.class)
			.hasMessageStartingWith("end must be between");
		assertThatThrownBy(() -> resolve("-999999999-01-01", "-999999999-01-02"))
			.isInstanceOf(HistoryQueryException.class)
			.hasMessageStartingWith("start must be between");
	}

	@Test
	void datesAtTheEdgesOfTheRangeAreAccepted() {
		assertThat(resolve("0001-01-01", "0001-01-31").days()).isEqualTo(31);
		assertThat(resolve("9999-12-01", "9999-12-31").days()).isEqualTo(31);
	}

	private static HistoryWindow resolve(String start, String end) {
		return HistoryWindow.resolve(WindowRequest.between(start, end, "UTC"), "UTC", NOW, null);
	}

}
