package org.spotifymcp.shared.catalog;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ArtistRepository extends JpaRepository<Artist, Integer> {

	Optional<Artist> findBySpotifyId(String spotifyId);

}
