package org.spotifymcp.emulator;

import java.util.Objects;

/**
 * An app registered in Spotify's developer dashboard: the client id and secret a service
 * uses, the developer account that owns it (quota is counted per developer account since
 * July 2026) and how many users may authorize it.
 *
 * @param clientId the client id
 * @param clientSecret its secret
 * @param owner the developer account (a Spotify user id) that owns the app
 * @param maxUsers how many distinct users may use the app
 * ({@link #DEVELOPMENT_MODE_USERS} for a development-mode app); 0 for no cap, as for an
 * app grandfathered from before February 2026
 */
public record DeveloperApp(String clientId, String clientSecret, String owner, int maxUsers) {

	/** Users a development-mode app may have since February 2026. */
	public static final int DEVELOPMENT_MODE_USERS = 5;

	/** Client ids one developer account may hold since July 2026. */
	public static final int APPS_PER_DEVELOPER = 25;

	public DeveloperApp {
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(clientSecret, "clientSecret");
		Objects.requireNonNull(owner, "owner");
		if (clientId.isBlank() || clientSecret.isBlank() || owner.isBlank()) {
			throw new IllegalArgumentException("client id, client secret and owner must not be blank");
		}
		if (maxUsers < 0) {
			throw new IllegalArgumentException("maxUsers must be >= 0 (0 = no cap)");
		}
	}

	/**
	 * A new development-mode app: at most {@link #DEVELOPMENT_MODE_USERS} users.
	 * @param clientId the client id
	 * @param clientSecret its secret
	 * @param owner the developer account that owns it
	 * @return the app
	 */
	public static DeveloperApp developmentMode(String clientId, String clientSecret, String owner) {
		return new DeveloperApp(clientId, clientSecret, owner, DEVELOPMENT_MODE_USERS);
	}

}
