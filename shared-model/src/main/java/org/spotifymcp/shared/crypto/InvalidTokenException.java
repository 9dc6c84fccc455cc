package org.spotifymcp.shared.crypto;

/**
 * Thrown when a Fernet token cannot be read: malformed, tampered with, encrypted under
 * another key or outside its time limits. The message never contains the token or the
 * key.
 */
public class InvalidTokenException extends RuntimeException {

	public InvalidTokenException(String message) {
		super(message);
	}

}
