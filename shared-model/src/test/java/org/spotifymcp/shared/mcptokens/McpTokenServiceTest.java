package org.spotifymcp.shared.mcptokens;

import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SharedModelTestApplication.class)
class McpTokenServiceTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	McpTokenService service;

	@Autowired
	UserRepository users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void onlyTheHashIsStoredAndTheSecretAuthenticatesUntilRevoked() {
		User user = this.users.save(new User(null, "Ada", null));
		McpTokenService.IssuedMcpToken issued = this.service.issue(user.getId(), "laptop");
		assertThat(issued.secret()).startsWith("smcp_").hasSizeGreaterThan(40);
		assertThat(this.jdbc.queryForObject("select count(*) from mcp_tokens where token_hash like ?", Integer.class,
				"%" + issued.secret() + "%"))
			.isZero();
		assertThat(this.service.authenticate(issued.secret())).hasValueSatisfying((token) -> {
			assertThat(token.getUserId()).isEqualTo(user.getId());
			assertThat(token.getLastUsedAt()).isNotNull();
		});
		assertThat(this.service.authenticate(issued.secret() + "x")).isEmpty();
		assertThat(this.service.authenticate("Bearer whatever")).isEmpty();
		assertThat(this.service.listFor(user.getId())).extracting(McpToken::getName).containsExactly("laptop");
		assertThat(this.service.revoke(issued.token().getId())).isTrue();
		assertThat(this.service.revoke(issued.token().getId())).isFalse();
		assertThat(this.service.authenticate(issued.secret())).isEmpty();
	}

}
