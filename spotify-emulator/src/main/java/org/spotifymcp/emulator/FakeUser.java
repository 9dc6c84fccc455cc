package org.spotifymcp.emulator;

import java.util.Objects;

/**
 * A listener the emulator knows. Its listening timeline is generated lazily from
 * {@code seed} at {@code playsPerDay} on average; with {@code playsPerDay == 0} the user
 * only has the plays a test appends, which makes exact expectations easy.
 *
 * @param id the Spotify user id ({@code /v1/me} {@code id})
 * @param displayName the display name
 * @param country ISO country, shown only when the emulator serves legacy fields
 * @param email e-mail, shown only when the emulator serves legacy fields
 * @param product {@code premium} or {@code free}
 * @param playsPerDay average generated plays per day; 0 for scripted plays only
 * @param seed seed of this user's generated timeline and taste
 */
public record FakeUser(String id, String displayName, String country, String email, String product, int playsPerDay,
		long seed) {

	public FakeUser {
		Objects.requireNonNull(id, "id");
		if (playsPerDay < 0) {
			throw new IllegalArgumentException("playsPerDay must be >= 0");
		}
		product = (product != null) ? product : "premium";
	}

	/**
	 * A user without generated plays: the timeline holds exactly what a test appends.
	 * @param id the Spotify user id
	 * @param displayName the display name
	 * @return the user
	 */
	public static FakeUser scriptedOnly(String id, String displayName) {
		return new FakeUser(id, displayName, "DE", id + "@example.test", "premium", 0, id.hashCode());
	}

	/**
	 * A user with a generated timeline.
	 * @param id the Spotify user id
	 * @param displayName the display name
	 * @param playsPerDay average plays per day
	 * @param seed timeline seed
	 * @return the user
	 */
	public static FakeUser generated(String id, String displayName, int playsPerDay, long seed) {
		return new FakeUser(id, displayName, "SE", id + "@example.test", "premium", playsPerDay, seed);
	}

}
