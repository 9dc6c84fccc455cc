package org.spotifymcp.shared.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

	@Test
	void composeFormIsTranslatedToJdbc() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://spotify:p%40ss:word@postgres:5432/spotify_history");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/spotify_history");
		assertThat(url.username()).isEqualTo("spotify");
		assertThat(url.password()).isEqualTo("p@ss:word");
	}

	@Test
	void portDefaultsAndQueryIsKept() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://u@db.example.org/app?sslmode=require");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5432/app?sslmode=require");
		assertThat(url.password()).isNull();
	}

	@Test
	void jdbcFormPassesThrough() {
		assertThat(DatabaseUrl.parse("jdbc:postgresql://h:1/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/d");
	}

	@Test
	void otherFormsAreRefusedWithAHint() {
		assertThatThrownBy(() -> DatabaseUrl.parse("mysql://x/y")).hasMessageContaining("postgresql://");
		assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("DATABASE_URL is empty");
	}

}
