package org.spotifymcp.emulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spotify-shaped JSON for catalog objects and users, as the Web API reference documents
 * them; fields Spotify removed for development-mode apps appear only with legacy fields
 * switched on.
 */
final class JsonViews {

	private static final DateTimeFormatter PLAYED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(java.time.ZoneOffset.UTC);

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final String apiBase;

	private final boolean legacyFields;

	private final Catalog catalog;

	JsonViews(String apiBase, boolean legacyFields, Catalog catalog) {
		this.apiBase = apiBase;
		this.legacyFields = legacyFields;
		this.catalog = catalog;
	}

	ObjectNode object() {
		return this.mapper.createObjectNode();
	}

	ArrayNode array() {
		return this.mapper.createArrayNode();
	}

	String write(Object node) {
		return this.mapper.writeValueAsString(node);
	}

	static String playedAt(Instant instant) {
		return PLAYED_AT.format(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	ObjectNode user(FakeUser user) {
		ObjectNode node = object();
		node.put("display_name", user.displayName());
		node.putObject("external_urls").put("spotify", "https://open.spotify.com/user/" + user.id());
		node.put("href", this.apiBase + "/v1/users/" + user.id());
		node.put("id", user.id());
		node.putArray("images");
		node.put("type", "user");
		node.put("uri", "spotify:user:" + user.id());
		node.put("product", user.product());
		if (this.legacyFields) {
			node.put("country", user.country());
			node.put("email", user.email());
			node.putObject("followers").putNull("href").put("total", 3);
		}
		return node;
	}

	ObjectNode simpleArtist(Catalog.Artist artist) {
		ObjectNode node = object();
		node.putObject("external_urls").put("spotify", "https://open.spotify.com/artist/" + artist.id());
		node.put("href", this.apiBase + "/v1/artists/" + artist.id());
		node.put("id", artist.id());
		node.put("name", artist.name());
		node.put("type", "artist");
		node.put("uri", artist.uri());
		return node;
	}

	/**
	 * A full artist. Spotify leaves {@code genres} out for artists it has none for, and
	 * sends an empty {@code images} array for artists without pictures.
	 */
	ObjectNode artist(Catalog.Artist given) {
		Catalog.Artist artist = this.catalog.current(given);
		ObjectNode node = simpleArtist(artist);
		if (!artist.genres().isEmpty()) {
			ArrayNode genres = node.putArray("genres");
			artist.genres().forEach(genres::add);
		}
		node.set("images", artist.hasImages() ? images("artist", artist.id()) : array());
		if (this.legacyFields) {
			node.put("popularity", artist.popularity());
			node.putObject("followers").putNull("href").put("total", artist.followers());
		}
		return node;
	}

	ObjectNode album(Catalog.Album album) {
		ObjectNode node = object();
		node.put("album_type", album.albumType());
		node.putArray("artists").add(simpleArtist(album.artist()));
		node.putObject("external_urls").put("spotify", "https://open.spotify.com/album/" + album.id());
		node.put("href", this.apiBase + "/v1/albums/" + album.id());
		node.put("id", album.id());
		node.set("images", images("album", album.id()));
		node.put("name", album.name());
		node.put("release_date", album.releaseDate());
		node.put("release_date_precision", "day");
		node.put("total_tracks", album.totalTracks());
		node.put("type", "album");
		node.put("uri", album.uri());
		return node;
	}

	ObjectNode track(Catalog.Track track) {
		ObjectNode node = object();
		node.set("album", album(track.album()));
		node.putArray("artists").add(simpleArtist(track.artist()));
		node.put("disc_number", 1);
		node.put("duration_ms", track.durationMs());
		node.put("explicit", track.explicit());
		node.putObject("external_ids").put("isrc", track.isrc());
		node.putObject("external_urls").put("spotify", "https://open.spotify.com/track/" + track.id());
		node.put("href", this.apiBase + "/v1/tracks/" + track.id());
		node.put("id", track.id());
		node.put("is_local", false);
		node.put("is_playable", true);
		node.put("name", track.name());
		node.put("track_number", track.trackNumber());
		node.put("type", "track");
		node.put("uri", track.uri());
		if (this.legacyFields) {
			node.put("popularity", track.popularity());
		}
		return node;
	}

	/**
	 * A recently-played item; about two in three plays come with their album as context.
	 */
	ObjectNode playHistory(EmulatedPlay play) {
		ObjectNode node = object();
		node.set("track", track(play.track()));
		node.put("played_at", playedAt(play.playedAt()));
		if (play.playedAt().toEpochMilli() % 3 == 0) {
			node.putNull("context");
		}
		else {
			ObjectNode context = node.putObject("context");
			Catalog.Album album = play.track().album();
			context.put("type", "album");
			context.put("href", this.apiBase + "/v1/albums/" + album.id());
			context.putObject("external_urls").put("spotify", "https://open.spotify.com/album/" + album.id());
			context.put("uri", album.uri());
		}
		return node;
	}

	/**
	 * One page of {@code all} as Spotify's paging object.
	 * @param base the endpoint's URL, with or without a query of its own
	 */
	ObjectNode paging(String base, List<ObjectNode> all, int limit, int offset) {
		return paging(base, page(all, limit, offset), all.size(), limit, offset);
	}

	/**
	 * Spotify's paging object around a page that is already cut out of {@code total}
	 * items.
	 * @param base the endpoint's URL, with or without a query of its own
	 */
	ObjectNode paging(String base, List<ObjectNode> pageItems, int total, int limit, int offset) {
		String query = base + (base.contains("?") ? "&" : "?");
		String nextHref = (offset + limit < total) ? query + "offset=" + (offset + limit) + "&limit=" + limit : null;
		String previousHref = (offset > 0) ? query + "offset=" + Math.max(0, offset - limit) + "&limit=" + limit : null;
		String href = query + "offset=" + offset + "&limit=" + limit;
		ObjectNode node = object();
		node.put("href", href);
		ArrayNode items = node.putArray("items");
		pageItems.forEach(items::add);
		node.put("limit", limit);
		if (nextHref != null) {
			node.put("next", nextHref);
		}
		else {
			node.putNull("next");
		}
		node.put("offset", offset);
		if (previousHref != null) {
			node.put("previous", previousHref);
		}
		else {
			node.putNull("previous");
		}
		node.put("total", total);
		return node;
	}

	/** The items of one page, empty past the end. */
	static <T> List<T> page(List<T> all, int limit, int offset) {
		return (offset >= all.size()) ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit));
	}

	/** A playlist's owner, as playlist objects show it. */
	ObjectNode owner(String userId, String displayName) {
		ObjectNode node = object();
		node.put("display_name", displayName);
		node.putObject("external_urls").put("spotify", "https://open.spotify.com/user/" + userId);
		node.put("href", this.apiBase + "/v1/users/" + userId);
		node.put("id", userId);
		node.put("type", "user");
		node.put("uri", "spotify:user:" + userId);
		return node;
	}

	/**
	 * A playlist object with the 2026 field names: its entries live under {@code items}
	 * (formerly {@code tracks}); {@code itemsPage} is the full paging object of
	 * {@code GET /playlists/{id}}, or {@code null} for the simplified {@code href} and
	 * {@code total} of playlist lists.
	 */
	ObjectNode playlist(EmulatedPlaylist playlist, String ownerName, ObjectNode itemsPage) {
		ObjectNode node = object();
		node.put("collaborative", false);
		node.put("description", playlist.description());
		node.putObject("external_urls").put("spotify", "https://open.spotify.com/playlist/" + playlist.id());
		node.put("href", this.apiBase + "/v1/playlists/" + playlist.id());
		node.put("id", playlist.id());
		node.putArray("images");
		node.put("name", playlist.name());
		node.set("owner", owner(playlist.owner(), ownerName));
		node.put("public", playlist.isPublic());
		node.put("snapshot_id", snapshotId(playlist));
		if (itemsPage != null) {
			node.set("items", itemsPage);
		}
		else {
			node.putObject("items")
				.put("href", this.apiBase + "/v1/playlists/" + playlist.id() + "/items")
				.put("total", playlist.items().size());
		}
		node.put("type", "playlist");
		node.put("uri", playlist.uri());
		if (this.legacyFields) {
			node.putObject("followers").putNull("href").put("total", playlist.followers().size());
		}
		return node;
	}

	/** One playlist entry: the track is under {@code item} (formerly {@code track}). */
	ObjectNode playlistItem(EmulatedPlaylist.Item item, Catalog.Track track, String addedByName) {
		ObjectNode node = object();
		node.put("added_at", DateTimeFormatter.ISO_INSTANT.format(item.addedAt().truncatedTo(ChronoUnit.SECONDS)));
		node.set("added_by", owner(item.addedBy(), addedByName));
		node.put("is_local", false);
		node.set("item", track(track));
		return node;
	}

	static String snapshotId(EmulatedPlaylist playlist) {
		return java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					(playlist.id() + ":" + playlist.snapshot()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	String error(int status, String message) {
		ObjectNode node = object();
		node.putObject("error").put("status", status).put("message", message);
		return write(node);
	}

	String oauthError(String error, String description) {
		ObjectNode node = object();
		node.put("error", error);
		node.put("error_description", description);
		return write(node);
	}

	private ArrayNode images(String kind, String id) {
		ArrayNode images = array();
		for (int size : new int[] { 640, 300, 64 }) {
			images.addObject()
				.put("url", "https://i.scdn.co/image/emulator-" + kind + "-" + id + "-" + size)
				.put("height", size)
				.put("width", size);
		}
		return images;
	}

}
