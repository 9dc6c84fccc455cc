package org.spotifymcp.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic music catalog (artists, albums, tracks with Spotify-shaped 22-character
 * base-62 ids) derived from the emulator seed. Small enough to keep in memory: 240
 * artists, 2 albums each, 10 tracks per album. As on Spotify since 2026, some artists
 * come without genres (every {@value #NO_GENRES_EVERY}th) and some without images (every
 * {@value #NO_IMAGES_EVERY}th, counting from the {@code n}th); {@link #changeArtist}
 * changes that for one artist.
 */
public final class Catalog {

	static final int ARTISTS = 240;

	static final int ALBUMS_PER_ARTIST = 2;

	static final int TRACKS_PER_ALBUM = 10;

	static final int NO_GENRES_EVERY = 4;

	static final int NO_IMAGES_EVERY = 5;

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final String[] ADJECTIVES = { "Silent", "Electric", "Golden", "Midnight", "Paper", "Velvet",
			"Crimson", "Northern", "Hollow", "Neon", "Wild", "Quiet", "Broken", "Lunar", "Amber", "Frozen", "Distant",
			"Static", "Tidal", "Secret" };

	private static final String[] NOUNS = { "Rivers", "Engines", "Gardens", "Signals", "Harbors", "Mirrors", "Wolves",
			"Satellites", "Orchards", "Lanterns", "Tides", "Echoes", "Parades", "Cities", "Comets", "Islands", "Voices",
			"Forests", "Machines", "Summers" };

	private static final String[] WORDS = { "Morning", "Light", "Runaway", "Heartbeat", "Ocean", "Fire", "Dreams",
			"Highway", "Letters", "Shadows", "Gravity", "Holiday", "Thunder", "Paradise", "Window", "Motion", "Sugar",
			"Winter", "Glow", "Home", "Horizon", "Rain", "Stars", "Dance" };

	private static final String[] GENRES = { "indie pop", "synthwave", "dream pop", "post-rock", "nu jazz",
			"alt country", "techno", "art pop", "shoegaze", "neo soul", "garage rock", "ambient" };

	private final List<Artist> artists;

	private final List<Album> albums;

	private final List<Track> tracks;

	private final Map<String, Artist> artistsById = new LinkedHashMap<>();

	private final Map<String, Album> albumsById = new LinkedHashMap<>();

	private final Map<String, Track> tracksById = new LinkedHashMap<>();

	/** Artists whose genres or images a test changed, by id. */
	private final Map<String, Artist> changedArtists = new java.util.concurrent.ConcurrentHashMap<>();

	Catalog(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		Set<String> usedIds = new HashSet<>();
		List<Artist> artistList = new ArrayList<>();
		List<Album> albumList = new ArrayList<>();
		List<Track> trackList = new ArrayList<>();
		for (int a = 0; a < ARTISTS; a++) {
			String artistName = "The " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS)
					+ ((a >= ADJECTIVES.length * 2) ? " " + (a / (ADJECTIVES.length * 2) + 1) : "");
			List<String> drawn = List.of(pick(random, GENRES), pick(random, GENRES)).stream().distinct().toList();
			List<String> genres = (a % NO_GENRES_EVERY == NO_GENRES_EVERY - 1) ? List.of() : drawn;
			boolean images = a % NO_IMAGES_EVERY != NO_IMAGES_EVERY - 1;
			Artist artist = new Artist(newId(random, usedIds), artistName, genres, random.nextInt(5, 95),
					random.nextInt(100, 2_000_000), images);
			artistList.add(artist);
			for (int b = 0; b < ALBUMS_PER_ARTIST; b++) {
				int year = random.nextInt(1995, 2026);
				String releaseDate = year + "-" + twoDigits(random.nextInt(1, 13)) + "-"
						+ twoDigits(random.nextInt(1, 29));
				Album album = new Album(newId(random, usedIds), pick(random, ADJECTIVES) + " " + pick(random, WORDS),
						(b == 0) ? "album" : "single", releaseDate, TRACKS_PER_ALBUM, artist);
				albumList.add(album);
				for (int t = 0; t < TRACKS_PER_ALBUM; t++) {
					String name = pick(random, WORDS) + " " + pick(random, WORDS)
							+ ((random.nextInt(6) == 0) ? " (Live)" : "");
					int durationMs = random.nextInt(95_000, 380_000);
					String isrc = "QZ" + String.valueOf(random.nextInt(10_000, 99_999)).toUpperCase(Locale.ROOT)
							+ String.format("%07d", trackList.size());
					trackList.add(new Track(newId(random, usedIds), name, durationMs, random.nextInt(8) == 0, t + 1,
							random.nextInt(0, 90), isrc, album, artist));
				}
			}
		}
		this.artists = Collections.unmodifiableList(artistList);
		this.albums = Collections.unmodifiableList(albumList);
		this.tracks = Collections.unmodifiableList(trackList);
		artistList.forEach((artist) -> this.artistsById.put(artist.id(), artist));
		albumList.forEach((album) -> this.albumsById.put(album.id(), album));
		trackList.forEach((track) -> this.tracksById.put(track.id(), track));
	}

	public List<Artist> artists() {
		return this.artists;
	}

	public List<Album> albums() {
		return this.albums;
	}

	public List<Track> tracks() {
		return this.tracks;
	}

	public Optional<Track> track(String id) {
		return Optional.ofNullable(this.tracksById.get(id));
	}

	/** An artist as the Web API shows it now, with changed genres and images. */
	public Optional<Artist> artist(String id) {
		Artist changed = (id != null) ? this.changedArtists.get(id) : null;
		return (changed != null) ? Optional.of(changed) : Optional.ofNullable(this.artistsById.get(id));
	}

	/** The current form of an artist reached through an album or a track. */
	Artist current(Artist artist) {
		return this.changedArtists.getOrDefault(artist.id(), artist);
	}

	/**
	 * Changes what the Web API says about one artist.
	 * @param id the artist
	 * @param genres its genres; empty when Spotify should leave the field out
	 * @param images whether it has images
	 * @return the artist as served from now on
	 */
	public Artist changeArtist(String id, List<String> genres, boolean images) {
		Artist original = this.artistsById.get(id);
		if (original == null) {
			throw new IllegalArgumentException("artist " + id + " is not in the emulator catalog");
		}
		Artist changed = new Artist(original.id(), original.name(), List.copyOf(genres), original.popularity(),
				original.followers(), images);
		this.changedArtists.put(id, changed);
		return changed;
	}

	List<EmulatorState.ArtistChange> changesToKeep() {
		return this.changedArtists.values()
			.stream()
			.map((artist) -> new EmulatorState.ArtistChange(artist.id(), artist.genres(), artist.hasImages()))
			.toList();
	}

	void restore(List<EmulatorState.ArtistChange> changes) {
		for (EmulatorState.ArtistChange change : changes) {
			changeArtist(change.id(), (change.genres() != null) ? change.genres() : List.of(), change.images());
		}
	}

	/** The tracks of one artist, in catalog order. */
	List<Track> tracksBy(Artist artist) {
		int index = this.artists.indexOf(artist);
		int perArtist = ALBUMS_PER_ARTIST * TRACKS_PER_ALBUM;
		return this.tracks.subList(index * perArtist, (index + 1) * perArtist);
	}

	static boolean isSpotifyId(String id) {
		if (id == null || id.length() != 22) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			if (BASE62.indexOf(id.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	private static String newId(SplittableRandom random, Set<String> used) {
		while (true) {
			StringBuilder id = new StringBuilder(22);
			for (int i = 0; i < 22; i++) {
				id.append(BASE62.charAt(random.nextInt(BASE62.length())));
			}
			if (used.add(id.toString())) {
				return id.toString();
			}
		}
	}

	private static String pick(SplittableRandom random, String[] words) {
		return words[random.nextInt(words.length)];
	}

	private static String twoDigits(int value) {
		return (value < 10) ? "0" + value : String.valueOf(value);
	}

	/**
	 * An artist.
	 *
	 * @param id Spotify id
	 * @param name name
	 * @param genres genres; empty when Spotify leaves the field out
	 * @param popularity 0-100, served only with legacy fields
	 * @param followers follower count, served only with legacy fields
	 * @param hasImages whether Spotify has images of the artist
	 */
	public record Artist(String id, String name, List<String> genres, int popularity, int followers,
			boolean hasImages) {

		public String uri() {
			return "spotify:artist:" + this.id;
		}

	}

	/**
	 * An album.
	 *
	 * @param id Spotify id
	 * @param name name
	 * @param albumType {@code album} or {@code single}
	 * @param releaseDate {@code yyyy-MM-dd}
	 * @param totalTracks track count
	 * @param artist the album artist
	 */
	public record Album(String id, String name, String albumType, String releaseDate, int totalTracks, Artist artist) {

		public String uri() {
			return "spotify:album:" + this.id;
		}

	}

	/**
	 * A track.
	 *
	 * @param id Spotify id
	 * @param name name
	 * @param durationMs length in milliseconds
	 * @param explicit explicit lyrics
	 * @param trackNumber position on the album
	 * @param popularity 0-100, served only with legacy fields
	 * @param isrc recording code
	 * @param album the album
	 * @param artist the (only) artist
	 */
	public record Track(String id, String name, int durationMs, boolean explicit, int trackNumber, int popularity,
			String isrc, Album album, Artist artist) {

		public String uri() {
			return "spotify:track:" + this.id;
		}

	}

}
