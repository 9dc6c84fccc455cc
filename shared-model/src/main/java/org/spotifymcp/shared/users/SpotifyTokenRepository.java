package org.spotifymcp.shared.users;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SpotifyTokenRepository extends JpaRepository<SpotifyToken, Integer> {

}
