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
 * @param refreshTokens every refresh token, revoked ones included
 */
record EmulatorState(int version, long seed, Instant savedAt, Instant now, boolean ticking, Instant historyOrigin,
		List<FakeUser> addedUsers, List<Play> plays, List<AccessToken> accessTokens, List<RefreshToken> refreshTokens) {

	static final int VERSION = 1;

	EmulatorState {
		addedUsers = (addedUsers != null) ? List.copyOf(addedUsers) : List.of();
		plays = (plays != null) ? List.copyOf(plays) : List.of();
		accessTokens = (accessTokens != null) ? List.copyOf(accessTokens) : List.of();
		refreshTokens = (refreshTokens != null) ? List.copyOf(refreshTokens) : List.of();
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
		if (this.version != VERSION) {
			return "version is " + this.version + ", this emulator reads version " + VERSION;
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
	 */
	record AccessToken(String token, String userId, String scope, Instant expiresAt) {
	}

	/**
	 * One refresh token.
	 *
	 * @param token the token
	 * @param userId whose it is
	 * @param scope granted scopes
	 * @param publicClient whether it was issued to a PKCE client without a secret
	 * @param revoked whether it no longer works
	 */
	record RefreshToken(String token, String userId, String scope, boolean publicClient, boolean revoked) {
	}

}
