package org.spotifymcp.shared.catalog;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TrackRepository extends JpaRepository<Track, Integer> {

	Optional<Track> findBySpotifyId(String spotifyId);

}
