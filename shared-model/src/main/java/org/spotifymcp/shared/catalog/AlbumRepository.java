package org.spotifymcp.shared.catalog;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AlbumRepository extends JpaRepository<Album, Integer> {

	Optional<Album> findBySpotifyId(String spotifyId);

}
