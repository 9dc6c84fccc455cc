package org.spotifymcp.shared.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code TOKEN_ENCRYPTION_KEY}: one or more comma-separated Fernet keys; the first
 * encrypts.
 *
 * @param key the key list
 */
@ConfigurationProperties("app.token-encryption")
public record TokenEncryptionProperties(String key) {

}
