package org.spotifymcp.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every user's listening timeline. Generated plays are computed per UTC day from the
 * user's seed when first asked for, and only a bounded number of days is cached, so ten
 * thousand users cost little memory. Plays a test appends are kept exactly and merged in.
 * A timeline holds plays in the future too; the API only shows those at or before the
 * emulator clock's "now".
 */
final class Timelines {

	private static final long DAY_MS = Duration.ofDays(1).toMillis();

	private static final int FAVOURITE_ARTISTS = 8;

	private final Catalog catalog;

	private final Map<String, FakeUser> users = new ConcurrentHashMap<>();

	/**
	 * Users added explicitly (not made from the settings), the ones a saved state keeps.
	 */
	private final Map<String, FakeUser> addedUsers = new ConcurrentHashMap<>();

	private final List<String> generatedUserIds;

	private final Map<String, NavigableMap<Instant, EmulatedPlay>> scripted = new ConcurrentHashMap<>();

	private final long firstGeneratedDay;

	private final Map<DayKey, List<EmulatedPlay>> dayCache;

	private final long settingsSeed;

	private final int playsPerDay;

	private final Instant historyOrigin;

	/** Told after every added user or appended play, to save the state. */
	private final Runnable changed;

	/**
	 * @param historyOrigin the "now" generated history ends at: the first start's, so a
	 * restarted emulator has the same timelines
	 */
	Timelines(Catalog catalog, EmulatorSettings settings, Instant historyOrigin, Runnable changed) {
		this.catalog = catalog;
		this.historyOrigin = historyOrigin;
		this.changed = changed;
		this.firstGeneratedDay = LocalDate
			.ofInstant(historyOrigin.minus(Duration.ofDays(settings.historyDays())), ZoneOffset.UTC)
			.toEpochDay();
		int cacheDays = settings.cachedDays();
		this.dayCache = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<DayKey, List<EmulatedPlay>> eldest) {
				return size() > cacheDays;
			}

		});
		List<String> ids = new ArrayList<>(settings.userCount());
		for (int i = 1; i <= settings.userCount(); i++) {
			ids.add(generatedUserId(i));
		}
		this.generatedUserIds = Collections.unmodifiableList(ids);
		this.settingsSeed = settings.seed();
		this.playsPerDay = settings.playsPerDay();
	}

	static String generatedUserId(int number) {
		return String.format("listener%05d", number);
	}

	/**
	 * Users come into being on first use, so ten thousand cost nothing until asked for.
	 */
	Optional<FakeUser> user(String id) {
		FakeUser known = this.users.get(id);
		if (known != null) {
			return Optional.of(known);
		}
		int number = generatedNumber(id);
		if (number < 1 || number > this.generatedUserIds.size()) {
			return Optional.empty();
		}
		return Optional.of(this.users.computeIfAbsent(id, (key) -> FakeUser.generated(key, "Demo Listener " + number,
				this.playsPerDay, mix(this.settingsSeed, number))));
	}

	private static int generatedNumber(String id) {
		if (id == null || !id.startsWith("listener") || id.length() != 13) {
			return -1;
		}
		try {
			return Integer.parseInt(id.substring(8));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	void add(FakeUser user) {
		remember(user);
		this.changed.run();
	}

	private void remember(FakeUser user) {
		this.users.put(user.id(), user);
		this.addedUsers.put(user.id(), user);
		this.dayCache.keySet().removeIf((key) -> key.userId().equals(user.id()));
	}

	/** Generated ids first, then added users, for the consent page picker. */
	List<String> userIds(int max) {
		List<String> ids = new ArrayList<>();
		for (String id : this.generatedUserIds) {
			if (ids.size() >= max) {
				return ids;
			}
			ids.add(id);
		}
		this.users.keySet()
			.stream()
			.filter((id) -> !ids.contains(id))
			.sorted()
			.limit(Math.max(0, max - ids.size()))
			.forEach(ids::add);
		return ids;
	}

	int userCount() {
		return (int) (this.generatedUserIds.size()
				+ this.users.keySet().stream().filter((id) -> generatedNumber(id) < 1).count());
	}

	EmulatedPlay append(String userId, Instant playedAt, Catalog.Track track) {
		return appendAll(userId, List.of(Map.entry(playedAt, track))).get(0);
	}

	/** Appends several plays and saves once, however many they are. */
	List<EmulatedPlay> appendAll(String userId, List<Map.Entry<Instant, Catalog.Track>> plays) {
		requireUser(userId);
		List<EmulatedPlay> appended = new ArrayList<>(plays.size());
		NavigableMap<Instant, EmulatedPlay> own = this.scripted.computeIfAbsent(userId,
				(key) -> new ConcurrentSkipListMap<>());
		for (Map.Entry<Instant, Catalog.Track> play : plays) {
			EmulatedPlay added = new EmulatedPlay(play.getKey(), play.getValue(), true);
			own.put(play.getKey(), added);
			appended.add(added);
		}
		this.changed.run();
		return appended;
	}

	Instant historyOrigin() {
		return this.historyOrigin;
	}

	List<FakeUser> addedUsers() {
		return List.copyOf(this.addedUsers.values());
	}

	List<EmulatorState.Play> appendedPlays() {
		List<EmulatorState.Play> plays = new ArrayList<>();
		this.scripted.forEach((userId, own) -> own.values()
			.forEach((play) -> plays.add(new EmulatorState.Play(userId, play.playedAt(), play.trackId()))));
		return plays;
	}

	/**
	 * Takes back the added users and appended plays of a saved state, without saving
	 * again.
	 * @throws IllegalArgumentException naming the play whose user or track is unknown
	 */
	void restore(EmulatorState state) {
		state.addedUsers().forEach(this::remember);
		for (int i = 0; i < state.plays().size(); i++) {
			int index = i;
			EmulatorState.Play play = state.plays().get(index);
			if (user(play.userId()).isEmpty()) {
				throw new IllegalArgumentException("plays[" + index + "]: unknown emulator user " + play.userId());
			}
			Catalog.Track track = this.catalog.track(play.trackId())
				.orElseThrow(() -> new IllegalArgumentException(
						"plays[" + index + "]: track " + play.trackId() + " is not in the emulator catalog"));
			this.scripted.computeIfAbsent(play.userId(), (key) -> new ConcurrentSkipListMap<>())
				.put(play.playedAt(), new EmulatedPlay(play.playedAt(), track, true));
		}
	}

	/**
	 * Plays with {@code fromExclusive < played_at <= toInclusive}, oldest first.
	 */
	List<EmulatedPlay> between(String userId, Instant fromExclusive, Instant toInclusive) {
		FakeUser user = requireUser(userId);
		List<EmulatedPlay> result = new ArrayList<>();
		if (!toInclusive.isAfter(fromExclusive)) {
			return result;
		}
		long firstDay = Math.max(day(fromExclusive), firstDay(userId));
		for (long day = firstDay; day <= day(toInclusive); day++) {
			for (EmulatedPlay play : playsOfDay(user, day)) {
				if (play.playedAt().isAfter(fromExclusive) && !play.playedAt().isAfter(toInclusive)) {
					result.add(play);
				}
			}
		}
		return result;
	}

	/**
	 * The newest {@code count} plays at or before an instant, newest first.
	 */
	List<EmulatedPlay> latest(String userId, Instant atOrBefore, int count) {
		FakeUser user = requireUser(userId);
		List<EmulatedPlay> result = new ArrayList<>(count);
		long lowest = firstDay(userId);
		for (long day = day(atOrBefore); day >= lowest && result.size() < count; day--) {
			List<EmulatedPlay> plays = playsOfDay(user, day);
			for (int i = plays.size() - 1; i >= 0 && result.size() < count; i--) {
				if (!plays.get(i).playedAt().isAfter(atOrBefore)) {
					result.add(plays.get(i));
				}
			}
		}
		return result;
	}

	/** Play counts per track in a window, for top items. */
	Map<Catalog.Track, Integer> trackCounts(String userId, Instant fromExclusive, Instant toInclusive) {
		Map<Catalog.Track, Integer> counts = new LinkedHashMap<>();
		for (EmulatedPlay play : between(userId, fromExclusive, toInclusive)) {
			counts.merge(play.track(), 1, Integer::sum);
		}
		return counts;
	}

	private FakeUser requireUser(String userId) {
		return user(userId).orElseThrow(() -> new IllegalArgumentException("unknown emulator user " + userId));
	}

	private long firstDay(String userId) {
		NavigableMap<Instant, EmulatedPlay> own = this.scripted.get(userId);
		long first = this.firstGeneratedDay;
		if (own != null && !own.isEmpty()) {
			first = Math.min(first, day(own.firstKey()));
		}
		return first;
	}

	private List<EmulatedPlay> playsOfDay(FakeUser user, long day) {
		List<EmulatedPlay> generated = (user.playsPerDay() == 0 || day < this.firstGeneratedDay) ? List.of()
				: this.dayCache.computeIfAbsent(new DayKey(user.id(), day), (key) -> generate(user, day));
		NavigableMap<Instant, EmulatedPlay> own = this.scripted.get(user.id());
		if (own == null || own.isEmpty()) {
			return generated;
		}
		Instant start = Instant.ofEpochMilli(day * DAY_MS);
		NavigableMap<Instant, EmulatedPlay> ofDay = own.subMap(start, true, start.plusMillis(DAY_MS), false);
		if (ofDay.isEmpty()) {
			return generated;
		}
		Map<Instant, EmulatedPlay> merged = new java.util.TreeMap<>();
		generated.forEach((play) -> merged.put(play.playedAt(), play));
		merged.putAll(ofDay);
		return new ArrayList<>(merged.values());
	}

	/**
	 * One day of listening: a few sessions of back-to-back plays; {@code played_at} is
	 * when each play ended, some plays are skipped part way.
	 */
	private List<EmulatedPlay> generate(FakeUser user, long day) {
		SplittableRandom random = new SplittableRandom(mix(user.seed(), day));
		List<Catalog.Artist> favourites = favourites(user);
		int spread = Math.max(1, user.playsPerDay() / 2);
		int target = Math.max(0, user.playsPerDay() + random.nextInt(-spread, spread + 1));
		int sessions = 1 + random.nextInt(4);
		long[] starts = new long[sessions];
		for (int i = 0; i < sessions; i++) {
			starts[i] = random.nextLong(DAY_MS);
		}
		java.util.Arrays.sort(starts);
		long dayStart = day * DAY_MS;
		long dayEnd = dayStart + DAY_MS;
		long cursor = dayStart;
		int perSession = (target + sessions - 1) / Math.max(1, sessions);
		List<EmulatedPlay> plays = new ArrayList<>(target);
		for (long start : starts) {
			long time = Math.max(cursor, dayStart + start);
			for (int i = 0; i < perSession && plays.size() < target; i++) {
				Catalog.Track track = pickTrack(random, favourites);
				long listened = (random.nextInt(10) == 0) ? track.durationMs() * random.nextInt(20, 90) / 100
						: track.durationMs();
				long end = time + listened;
				if (end >= dayEnd) {
					break;
				}
				plays.add(new EmulatedPlay(Instant.ofEpochMilli(end), track, false));
				time = end + random.nextInt(0, 4000);
			}
			cursor = time + 1;
		}
		return Collections.unmodifiableList(plays);
	}

	private List<Catalog.Artist> favourites(FakeUser user) {
		SplittableRandom random = new SplittableRandom(user.seed());
		List<Catalog.Artist> all = this.catalog.artists();
		List<Catalog.Artist> favourites = new ArrayList<>(FAVOURITE_ARTISTS);
		for (int i = 0; i < FAVOURITE_ARTISTS; i++) {
			favourites.add(all.get(random.nextInt(all.size())));
		}
		return favourites;
	}

	private Catalog.Track pickTrack(SplittableRandom random, List<Catalog.Artist> favourites) {
		if (random.nextInt(100) < 75) {
			// skewed towards the first favourites, so top items have a clear order
			Catalog.Artist artist = favourites
				.get(Math.min(random.nextInt(favourites.size()), random.nextInt(favourites.size())));
			List<Catalog.Track> tracks = this.catalog.tracksBy(artist);
			return tracks.get(Math.min(random.nextInt(tracks.size()), random.nextInt(tracks.size())));
		}
		List<Catalog.Track> all = this.catalog.tracks();
		return all.get(random.nextInt(all.size()));
	}

	private static long day(Instant instant) {
		return Math.floorDiv(instant.toEpochMilli(), DAY_MS);
	}

	static long mix(long seed, long value) {
		long z = seed * 0x9E3779B97F4A7C15L + value;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private record DayKey(String userId, long day) {
	}

}
