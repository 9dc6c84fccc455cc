package org.spotifymcp.shared.spotify;

/**
 * The pause check of one Spotify app around each call: before it, fail at once when the
 * app is paused; after a failure, let a quota answer pause the app.
 *
 * @param pauses the cluster-wide pauses
 * @param clientId the app the calls are made with
 */
record AppGate(SpotifyAppPauses pauses, String clientId) {

	void check() {
		this.pauses.check(this.clientId);
	}

	SpotifyApiException failed(SpotifyApiException failure) {
		return this.pauses.afterFailure(this.clientId, failure);
	}

}
