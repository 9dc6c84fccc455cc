package org.spotifymcp.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a restarted emulator needs to carry on as if it had never stopped: the tokens it
 * handed out, the users and plays added to it, its clock and the day its generated
 * history starts. Generated timelines are not stored: they follow from the seed and the
 * history origin. Authorization codes are not stored either; they live ten minutes.
 *
 * @param version format version, {@link #VERSION}
 * @param seed the seed the catalog and timelines were made from
 * @param savedAt real time of the save
 * @param now the emulator's "now" at the save
 * @param ticking whether the clock was following real time
 * @param historyOrigin the "now" of the very first start; generated history begins
 * {@code historyDays} before it
 * @param addedUsers users added with {@link SpotifyEmulator#addUser}
 * @param plays plays appended to timelines
 * @param accessTokens access tokens that had not long expired
 * @param refreshTokens every refresh token, revoked ones included, with the consent that
 * started its six months
 * @param apps developer apps with the users who authorized them (since version 2)
 * @param playlists playlists users created (since version 2)
 * @param artists catalog artists whose genres or images were changed (since version 2)
 */
record EmulatorState(int version, long seed, Instant savedAt, Instant now, boolean ticking, Instant historyOrigin,
		List<FakeUser> addedUsers, List<Play> plays, List<AccessToken> accessTokens, List<RefreshToken> refreshTokens,
		List<App> apps, List<EmulatedPlaylist> playlists, List<ArtistChange> artists) {

	static final int VERSION = 2;

	/**
	 * Files of version 1 lack apps, consent times and playlists and are read all the
	 * same.
	 */
	static final int OLDEST_READABLE_VERSION = 1;

	EmulatorState {
		addedUsers = (addedUsers != null) ? List.copyOf(addedUsers) : List.of();
		plays = (plays != null) ? List.copyOf(plays) : List.of();
		accessTokens = (accessTokens != null) ? List.copyOf(accessTokens) : List.of();
		refreshTokens = (refreshTokens != null) ? List.copyOf(refreshTokens) : List.of();
		apps = (apps != null) ? List.copyOf(apps) : List.of();
		playlists = (playlists != null) ? List.copyOf(playlists) : List.of();
		artists = (artists != null) ? List.copyOf(artists) : List.of();
	}

	/**
	 * The clock's "now" for a restart at {@code realNow}: a ticking clock has kept its
	 * distance to real time while the emulator was down, a frozen one has not moved.
	 */
	Instant nowAt(Instant realNow) {
		if (!this.ticking) {
			return this.now;
		}
		Duration down = Duration.between(this.savedAt, realNow);
		return down.isNegative() ? this.now : this.now.plus(down);
	}

	/**
	 * The first problem that makes this state unusable for an emulator with the given
	 * seed, naming the field; {@code null} when there is none.
	 */
	String problem(long expectedSeed) {
		if (this.version < OLDEST_READABLE_VERSION || this.version > VERSION) {
			return "version is " + this.version + ", this emulator reads versions " + OLDEST_READABLE_VERSION + " to "
					+ VERSION;
		}
		if (this.seed != expectedSeed) {
			return "seed is " + this.seed + " but the emulator runs with seed " + expectedSeed
					+ " (its catalog and timelines would not match; use the same EMULATOR_SEED or delete the file)";
		}
		if (this.savedAt == null || this.now == null || this.historyOrigin == null) {
			return "savedAt, now and historyOrigin are required";
		}
		for (int i = 0; i < this.plays.size(); i++) {
			Play play = this.plays.get(i);
			if (play == null || play.userId() == null || play.playedAt() == null || play.trackId() == null) {
				return "plays[" + i + "] needs userId, playedAt and trackId";
			}
		}
		for (int i = 0; i < this.accessTokens.size(); i++) {
			AccessToken token = this.accessTokens.get(i);
			if (token == null || token.token() == null || token.userId() == null || token.expiresAt() == null) {
				return "accessTokens[" + i + "] needs token, userId and expiresAt";
			}
		}
		for (int i = 0; i < this.refreshTokens.size(); i++) {
			RefreshToken token = this.refreshTokens.get(i);
			if (token == null || token.token() == null || token.userId() == null) {
				return "refreshTokens[" + i + "] needs token and userId";
			}
		}
		for (int i = 0; i < this.apps.size(); i++) {
			App app = this.apps.get(i);
			if (app == null || app.clientId() == null || app.clientSecret() == null || app.owner() == null) {
				return "apps[" + i + "] needs clientId, clientSecret and owner";
			}
		}
		for (int i = 0; i < this.playlists.size(); i++) {
			EmulatedPlaylist playlist = this.playlists.get(i);
			if (playlist == null || playlist.id() == null || playlist.owner() == null || playlist.name() == null) {
				return "playlists[" + i + "] needs id, owner and name";
			}
			for (int j = 0; j < playlist.items().size(); j++) {
				EmulatedPlaylist.Item item = playlist.items().get(j);
				if (item == null || item.trackId() == null || item.addedAt() == null) {
					return "playlists[" + i + "].items[" + j + "] needs trackId and addedAt";
				}
			}
		}
		for (int i = 0; i < this.artists.size(); i++) {
			if (this.artists.get(i) == null || this.artists.get(i).id() == null) {
				return "artists[" + i + "] needs id";
			}
		}
		return null;
	}

	/**
	 * One appended play.
	 *
	 * @param userId the user
	 * @param playedAt when it ended
	 * @param trackId the catalog track
	 */
	record Play(String userId, Instant playedAt, String trackId) {
	}

	/**
	 * One access token.
	 *
	 * @param token the token
	 * @param userId whose it is
	 * @param scope granted scopes
	 * @param expiresAt when it stops working
	 * @param clientId the app that obtained it; absent in version 1 (the default app)
	 */
	record AccessToken(String token, String userId, String scope, Instant expiresAt, String clientId) {
	}

	/**
	 * One refresh token.
	 *
	 * @param token the token
	 * @param userId whose it is
	 * @param scope granted scopes
	 * @param publicClient whether it was issued to a PKCE client without a secret
	 * @param revoked whether it no longer works
	 * @param clientId the app that obtained it; absent in version 1 (the default app)
	 * @param consentedAt the consent its six months count from; absent in version 1 (then
	 * the save's "now")
	 */
	record RefreshToken(String token, String userId, String scope, boolean publicClient, boolean revoked,
			String clientId, Instant consentedAt) {
	}

	/**
	 * One developer app.
	 *
	 * @param clientId client id
	 * @param clientSecret client secret
	 * @param owner developer account
	 * @param maxUsers user cap, 0 for none
	 * @param users users who authorized it, in order
	 */
	record App(String clientId, String clientSecret, String owner, int maxUsers, List<String> users) {

		App {
			users = (users != null) ? List.copyOf(users) : List.of();
		}

	}

	/**
	 * A catalog artist whose genres or images differ from the generated catalog.
	 *
	 * @param id the artist
	 * @param genres its genres; {@code null} when Spotify leaves the field out
	 * @param images whether it has images
	 */
	record ArtistChange(String id, List<String> genres, boolean images) {
	}

}
