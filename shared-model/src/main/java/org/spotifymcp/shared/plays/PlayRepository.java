package org.spotifymcp.shared.plays;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PlayRepository extends JpaRepository<Play, PlayId> {

	long countByIdUserId(Integer userId);

}
