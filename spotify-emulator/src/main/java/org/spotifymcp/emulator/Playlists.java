package org.spotifymcp.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Users' playlists. Every change replaces the stored {@link EmulatedPlaylist}, so readers
 * always see a consistent playlist.
 */
final class Playlists {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private final Map<String, EmulatedPlaylist> byId = new LinkedHashMap<>();

	private final SplittableRandom ids;

	private final java.time.Clock clock;

	/** Told after every change, to save the state. */
	private final Runnable changed;

	Playlists(long seed, java.time.Clock clock, Runnable changed) {
		// its own stream, so playlist ids do not shift the catalog's or the faults' draws
		this.ids = new SplittableRandom(seed ^ 0x706c61796c697374L);
		this.clock = clock;
		this.changed = changed;
	}

	EmulatedPlaylist create(String owner, String name, String description, boolean isPublic) {
		EmulatedPlaylist playlist;
		synchronized (this) {
			playlist = new EmulatedPlaylist(newId(), owner, name, description, isPublic, this.clock.instant(), 1,
					List.of(owner), List.of());
			this.byId.put(playlist.id(), playlist);
		}
		// saved outside the lock: the save reads every playlist while holding the file's
		// lock
		this.changed.run();
		return playlist;
	}

	private String newId() {
		String id;
		do {
			StringBuilder text = new StringBuilder(22);
			for (int i = 0; i < 22; i++) {
				text.append(BASE62.charAt(this.ids.nextInt(BASE62.length())));
			}
			id = text.toString();
		}
		while (this.byId.containsKey(id));
		return id;
	}

	synchronized Optional<EmulatedPlaylist> find(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	/**
	 * Playlists a user follows (their own ones they did not delete included), newest
	 * first.
	 */
	synchronized List<EmulatedPlaylist> followedBy(String userId) {
		List<EmulatedPlaylist> followed = new ArrayList<>();
		this.byId.values().stream().filter((playlist) -> playlist.followers().contains(userId)).forEach(followed::add);
		Collections.reverse(followed);
		return followed;
	}

	/** Every playlist a user created, deleted (unfollowed) ones too, oldest first. */
	synchronized List<EmulatedPlaylist> ownedBy(String userId) {
		return this.byId.values().stream().filter((playlist) -> playlist.owner().equals(userId)).toList();
	}

	EmulatedPlaylist replaceItems(String id, List<EmulatedPlaylist.Item> items) {
		return update(id, (playlist) -> withItems(playlist, items));
	}

	EmulatedPlaylist addItems(String id, List<EmulatedPlaylist.Item> items, Integer position) {
		return update(id, (playlist) -> {
			List<EmulatedPlaylist.Item> all = new ArrayList<>(playlist.items());
			int at = (position == null) ? all.size() : Math.min(position, all.size());
			all.addAll(at, items);
			return withItems(playlist, all);
		});
	}

	EmulatedPlaylist follow(String id, String userId, boolean follow) {
		return update(id, (playlist) -> {
			List<String> followers = new ArrayList<>(playlist.followers());
			followers.remove(userId);
			if (follow) {
				followers.add(userId);
			}
			return new EmulatedPlaylist(playlist.id(), playlist.owner(), playlist.name(), playlist.description(),
					playlist.isPublic(), playlist.createdAt(), playlist.snapshot(), followers, playlist.items());
		});
	}

	void remove(String id) {
		synchronized (this) {
			this.byId.remove(id);
		}
		this.changed.run();
	}

	synchronized List<EmulatedPlaylist> toKeep() {
		return List.copyOf(this.byId.values());
	}

	synchronized void restore(List<EmulatedPlaylist> saved) {
		saved.forEach((playlist) -> this.byId.put(playlist.id(), playlist));
	}

	private EmulatedPlaylist update(String id, UnaryOperator<EmulatedPlaylist> change) {
		EmulatedPlaylist updated;
		synchronized (this) {
			updated = change.apply(this.byId.get(id));
			this.byId.put(id, updated);
		}
		this.changed.run();
		return updated;
	}

	private static EmulatedPlaylist withItems(EmulatedPlaylist playlist, List<EmulatedPlaylist.Item> items) {
		return new EmulatedPlaylist(playlist.id(), playlist.owner(), playlist.name(), playlist.description(),
				playlist.isPublic(), playlist.createdAt(), playlist.snapshot() + 1, playlist.followers(), items);
	}

}
