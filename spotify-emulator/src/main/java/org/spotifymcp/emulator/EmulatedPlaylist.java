package org.spotifymcp.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A playlist as the emulator keeps it: what a test reads back to check what a client
 * wrote, and what a state file stores.
 *
 * @param id Spotify id
 * @param owner the user who created it
 * @param name name
 * @param description description, possibly empty
 * @param isPublic whether it is public
 * @param createdAt when it was created (emulator clock)
 * @param snapshot how many times its contents changed; {@code snapshot_id} derives from
 * it
 * @param followers users who follow it; the owner unless they "deleted" (unfollowed) it
 * @param items its tracks, in order
 */
public record EmulatedPlaylist(String id, String owner, String name, String description, boolean isPublic,
		Instant createdAt, int snapshot, List<String> followers, List<Item> items) {

	public EmulatedPlaylist {
		description = (description != null) ? description : "";
		followers = (followers != null) ? List.copyOf(followers) : List.of();
		items = (items != null) ? List.copyOf(items) : List.of();
	}

	/**
	 * Whether the owner still follows it, i.e. has not deleted it in their Spotify app.
	 */
	public boolean followedByOwner() {
		return this.followers.contains(this.owner);
	}

	/** The catalog track ids, in order. */
	public List<String> trackIds() {
		return this.items.stream().map(Item::trackId).toList();
	}

	public String uri() {
		return "spotify:playlist:" + this.id;
	}

	/**
	 * One entry.
	 *
	 * @param trackId catalog track id
	 * @param addedAt when it was added (emulator clock)
	 * @param addedBy the user who added it
	 */
	public record Item(String trackId, Instant addedAt, String addedBy) {
	}

}
