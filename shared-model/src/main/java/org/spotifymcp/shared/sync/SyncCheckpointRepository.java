package org.spotifymcp.shared.sync;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SyncCheckpointRepository extends JpaRepository<SyncCheckpoint, Integer> {

}
