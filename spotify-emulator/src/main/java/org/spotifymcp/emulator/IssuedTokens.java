package org.spotifymcp.emulator;

import java.time.Duration;

/**
 * Tokens the emulator handed out.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token; {@code null} when a refresh did not rotate it
 * @param scope granted scopes, space separated
 * @param expiresIn access token lifetime
 */
public record IssuedTokens(String accessToken, String refreshToken, String scope, Duration expiresIn) {

}
