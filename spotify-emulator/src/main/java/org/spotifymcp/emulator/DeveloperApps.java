package org.spotifymcp.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The developer apps the emulator accepts, which users each one has (Spotify lets a
 * development-mode app serve five), and how many Web API calls each one made.
 */
final class DeveloperApps {

	/** Owner of the app from the settings when nobody says otherwise. */
	static final String DEFAULT_OWNER = "emulator-developer";

	private final Map<String, Registered> apps = new LinkedHashMap<>();

	private final String defaultClientId;

	/** Told after every change that a state file has to keep. */
	private final Runnable changed;

	DeveloperApps(DeveloperApp defaultApp, Runnable changed) {
		this.changed = changed;
		this.defaultClientId = defaultApp.clientId();
		this.apps.put(defaultApp.clientId(), new Registered(defaultApp));
	}

	/**
	 * Registers an app, or replaces the secret, owner and cap of one already known (its
	 * users stay).
	 * @throws IllegalArgumentException when the owner already holds
	 * {@link DeveloperApp#APPS_PER_DEVELOPER} other apps
	 */
	DeveloperApp register(DeveloperApp app) {
		synchronized (this) {
			registerLocked(app);
		}
		// saved outside the lock: the save reads every app while holding the file's lock
		this.changed.run();
		return app;
	}

	private void registerLocked(DeveloperApp app) {
		long owned = this.apps.values()
			.stream()
			.filter((known) -> known.app.owner().equals(app.owner()) && !known.app.clientId().equals(app.clientId()))
			.count();
		if (owned >= DeveloperApp.APPS_PER_DEVELOPER) {
			throw new IllegalArgumentException("developer " + app.owner() + " already has "
					+ DeveloperApp.APPS_PER_DEVELOPER + " client ids, the most Spotify allows per developer account");
		}
		Registered known = this.apps.get(app.clientId());
		if (known != null) {
			known.app = app;
		}
		else {
			this.apps.put(app.clientId(), new Registered(app));
		}
	}

	synchronized Optional<DeveloperApp> app(String clientId) {
		Registered known = (clientId != null) ? this.apps.get(clientId) : null;
		return Optional.ofNullable((known != null) ? known.app : null);
	}

	synchronized List<DeveloperApp> all() {
		return this.apps.values().stream().map((known) -> known.app).toList();
	}

	/**
	 * Records that a user authorized an app. Spotify hands out tokens either way; a user
	 * beyond the app's cap just cannot use them.
	 * @return whether the user may use the app
	 */
	boolean authorize(String clientId, String userId) {
		synchronized (this) {
			Registered known = this.apps.get(clientId);
			if (known == null) {
				return false;
			}
			if (known.users.contains(userId)) {
				return true;
			}
			if (known.app.maxUsers() > 0 && known.users.size() >= known.app.maxUsers()) {
				return false;
			}
			known.users.add(userId);
		}
		this.changed.run();
		return true;
	}

	/** Whether a user may call the Web API with a token of this app. */
	synchronized boolean allows(String clientId, String userId) {
		Registered known = this.apps.get(clientId);
		return known != null && (known.app.maxUsers() == 0 || known.users.contains(userId));
	}

	synchronized List<String> users(String clientId) {
		Registered known = this.apps.get(clientId);
		return (known != null) ? List.copyOf(known.users) : List.of();
	}

	/** Counts a Web API call made with a token of this app. */
	void called(String clientId, boolean quotaExceeded) {
		Registered known;
		synchronized (this) {
			known = this.apps.get(clientId);
		}
		if (known != null) {
			known.apiCalls.incrementAndGet();
			if (quotaExceeded) {
				known.quotaExceeded.incrementAndGet();
			}
		}
	}

	synchronized long apiCalls(String clientId) {
		Registered known = this.apps.get(clientId);
		return (known != null) ? known.apiCalls.get() : 0;
	}

	synchronized long quotaExceeded(String clientId) {
		Registered known = this.apps.get(clientId);
		return (known != null) ? known.quotaExceeded.get() : 0;
	}

	synchronized List<EmulatorState.App> toKeep() {
		List<EmulatorState.App> kept = new ArrayList<>();
		this.apps.values()
			.forEach((known) -> kept.add(new EmulatorState.App(known.app.clientId(), known.app.clientSecret(),
					known.app.owner(), known.app.maxUsers(), List.copyOf(known.users))));
		return kept;
	}

	/**
	 * Takes back the apps of a saved state, without saving again. The app from the
	 * settings keeps the credentials the settings give it; only its users come back.
	 */
	synchronized void restore(List<EmulatorState.App> saved) {
		for (EmulatorState.App app : saved) {
			DeveloperApp restored = new DeveloperApp(app.clientId(), app.clientSecret(), app.owner(), app.maxUsers());
			Registered known = this.apps.computeIfAbsent(app.clientId(), (id) -> new Registered(restored));
			if (!app.clientId().equals(this.defaultClientId)) {
				known.app = restored;
			}
			known.users.addAll(app.users());
		}
	}

	private static final class Registered {

		private DeveloperApp app;

		private final Set<String> users = new LinkedHashSet<>();

		private final AtomicLong apiCalls = new AtomicLong();

		private final AtomicLong quotaExceeded = new AtomicLong();

		Registered(DeveloperApp app) {
			this.app = app;
		}

	}

}
