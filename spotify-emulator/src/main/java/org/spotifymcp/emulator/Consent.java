package org.spotifymcp.emulator;

import java.time.Instant;

/**
 * A user's latest consent to an app, as far as the emulator's refresh tokens tell.
 *
 * @param userId the Spotify user
 * @param clientId the app
 * @param consentedAt when the user consented (the authorization code was exchanged)
 * @param refreshExpiresAt when refresh tokens of this consent stop working: six months
 * later, however often they were used
 */
public record Consent(String userId, String clientId, Instant consentedAt, Instant refreshExpiresAt) {
}
