package org.spotifymcp.shared.mcptokens;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface McpTokenRepository extends JpaRepository<McpToken, Long> {

	Optional<McpToken> findByTokenHash(String tokenHash);

	List<McpToken> findByUserIdOrderByCreatedAtDesc(Integer userId);

}
