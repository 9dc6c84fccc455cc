package org.spotifymcp.shared.logs;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface LogEntryRepository extends JpaRepository<LogEntry, Long> {

	@Modifying
	@Transactional
	@Query("delete from LogEntry l where l.timestamp < :cutoff")
	int deleteOlderThan(Instant cutoff);

}
