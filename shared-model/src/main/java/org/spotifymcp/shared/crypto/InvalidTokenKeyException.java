package org.spotifymcp.shared.crypto;

/**
 * Thrown when {@code TOKEN_ENCRYPTION_KEY} is missing or is not a Fernet key.
 */
public class InvalidTokenKeyException extends RuntimeException {

	public InvalidTokenKeyException(String message) {
		super(message);
	}

}
