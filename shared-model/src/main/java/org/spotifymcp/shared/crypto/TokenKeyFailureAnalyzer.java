package org.spotifymcp.shared.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or malformed {@code TOKEN_ENCRYPTION_KEY} into a start-up message that
 * says how to make a key, instead of a stack trace.
 */
public class TokenKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTokenKeyException> {

	public static final String HOW_TO_FIX = """
			Set TOKEN_ENCRYPTION_KEY to one or more comma-separated Fernet keys (url-safe base64 of 32 bytes).
			Generate one with either of:
			    java -jar api-service/target/api-service.jar generate-key
			    python3 -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
			Put it in .env (TOKEN_ENCRYPTION_KEY=...) or in the environment. Keep it: stored Spotify tokens
			can only be read with it.""";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTokenKeyException cause) {
		return new FailureAnalysis("The token encryption key is unusable: " + cause.getMessage(), HOW_TO_FIX, cause);
	}

}
