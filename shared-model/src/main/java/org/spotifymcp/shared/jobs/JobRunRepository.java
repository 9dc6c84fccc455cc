package org.spotifymcp.shared.jobs;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface JobRunRepository extends JpaRepository<JobRun, Long> {

	List<JobRun> findTop20ByOrderByStartedAtDesc();

}
