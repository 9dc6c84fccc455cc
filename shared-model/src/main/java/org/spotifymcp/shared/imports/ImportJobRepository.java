package org.spotifymcp.shared.imports;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ImportJobRepository extends JpaRepository<ImportJob, Long> {

	List<ImportJob> findByUserIdOrderByCreatedAtDesc(Integer userId);

	List<ImportJob> findByStatusOrderByCreatedAt(ImportStatus status);

}
