package org.spotifymcp.shared.plays;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The natural key of a play.
 *
 * @param userId the listener
 * @param playedAt when the play happened
 * @param trackId the track
 */
@Embeddable
public record PlayId(@Column(name = "user_id") Integer userId, @Column(name = "played_at") Instant playedAt,
		@Column(name = "track_id") Integer trackId) implements Serializable {

}
