package org.spotifymcp.shared.sync;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CoverageGapRepository extends JpaRepository<CoverageGap, Long> {

	List<CoverageGap> findByUserIdOrderByGapStart(Integer userId);

}
