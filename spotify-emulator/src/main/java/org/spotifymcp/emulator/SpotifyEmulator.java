package org.spotifymcp.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faithful stand-in for {@code accounts.spotify.com} and {@code api.spotify.com} on one
 * local port, for tests, benchmarks and the demo.
 *
 * <h2>Embedding in a test</h2>
 *
 * <pre>
 * try (SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorSettings.defaults())) {
 *     // point SPOTIFY_ACCOUNTS_BASE_URL and SPOTIFY_API_BASE_URL at emulator.baseUrl()
 *     FakeUser alice = emulator.addUser(FakeUser.scriptedOnly("alice", "Alice"));
 *     emulator.appendPlays("alice", emulator.now().minus(Duration.ofHours(2)), 60, Duration.ofMinutes(2));
 *     IssuedTokens tokens = emulator.issueTokens("alice");   // skip the consent page
 *     emulator.advance(Duration.ofMinutes(30));              // the clock only moves when told
 *     emulator.inject(Fault.rateLimited(Duration.ofSeconds(1)).times(1));
 *     List&lt;EmulatedPlay&gt; truth = emulator.plays("alice"); // every play up to now, oldest first
 * }
 * </pre>
 *
 * <ul>
 * <li>Endpoints: {@code GET /authorize} (consent page; {@code user=<id>} preselects the
 * fake user, the page's Accept/Deny buttons post back to {@code /authorize}),
 * {@code POST /api/token} ({@code authorization_code} with PKCE S256,
 * {@code refresh_token}; client by Basic header or form), {@code /v1/me},
 * {@code /v1/me/player/recently-played}, {@code /v1/me/top/{artists|tracks}},
 * {@code /v1/search}, {@code /v1/tracks/{id}}, {@code /v1/artists/{id}},
 * {@code GET|POST /v1/me/playlists}, {@code GET /v1/playlists/{id}}, {@code GET|PUT|POST
 * /v1/playlists/{id}/items}, {@code PUT|DELETE /v1/playlists/{id}/followers}, {@code GET
 * /v1/playlists/{id}/followers/contains} (see {@link PlaylistEndpoints}).</li>
 * <li>Spotify's 2026 rules: refresh tokens stop working six months after the consent
 * ({@code invalid_grant}, "Refresh token expired"), however often they are used; the
 * batch lookups ({@code /v1/tracks?ids=}, {@code /v1/artists?ids=},
 * {@code /v1/albums?ids=}), {@code /v1/users/{id}/playlists} and
 * {@code /v1/playlists/{id}/tracks} answer 403; search pages hold at most 10; some
 * artists come without genres or images.</li>
 * <li>Apps: the app from the settings (no user cap, like an app from before 2026) plus
 * any registered with {@link #registerApp}; tokens belong to the app that obtained them,
 * and a development-mode app serves five users: a sixth one gets tokens, but every Web
 * API call answers 403 "User not registered in the Developer Dashboard".</li>
 * <li>Users: {@code userCount} generated users {@code listener00001} … with seeded
 * timelines (made lazily, day by day), plus users added with {@link #addUser}.
 * {@link FakeUser#scriptedOnly} users hold exactly the plays a test appends.</li>
 * <li>Clock: {@link #now()}, {@link #advance(Duration)}, {@link #setNow(Instant)}. Access
 * and refresh tokens expire and recently-played shows the newest 50 plays at or before
 * this clock.</li>
 * <li>State: with {@link EmulatorSettings#stateFile()} set, tokens (with their app and
 * consent time), apps and their users, added users, appended plays, playlists, changed
 * artists and the clock are saved to that JSON file on every change and taken back on
 * start, so clients' tokens keep working across restarts (demo mode uses this); without
 * it everything lives in memory.</li>
 * <li>Faults: {@link #inject(Fault)}, {@link #removeFault(long)}, {@link #clearFaults()};
 * {@link Fault#quotaExceeded()} for the per-app or per-developer quota;
 * {@link #revokeRefreshTokens(String)} and {@link #expireAccessTokens()} for token
 * trouble.</li>
 * <li>Control API for demos and benchmarks, under {@code /_emulator}: {@code GET state}
 * (clock, faults with their hits, apps with users and call counts, consents),
 * {@code POST clock/advance?seconds=N}, {@code POST clock/now?instant=ISO},
 * {@code GET|POST|DELETE faults} (text rules, see {@link Fault}), {@code GET apps},
 * {@code POST apps?client_id=&client_secret=&owner=[&max_users=5]}, {@code POST
 * artists/{id}?genres=a,b&images=false}, {@code GET users/{id}/plays?from=ISO&to=ISO},
 * {@code POST users/{id}/plays?count=N&spacing_seconds=S}, {@code POST
 * users/{id}/tokens[?client_id=&scope=]}, {@code POST users/{id}/revoke}, {@code GET
 * users/{id}/playlists}, {@code DELETE users/{id}/playlists/{playlist}[?gone=true]} (the
 * listener deletes, i.e. unfollows, it; with {@code gone=true} it disappears and the Web
 * API answers 404 for it).</li>
 * </ul>
 * Default client credentials are {@link EmulatorSettings#DEMO_CLIENT_ID} /
 * {@link EmulatorSettings#DEMO_CLIENT_SECRET}. The emulator never logs tokens.
 */
public final class SpotifyEmulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SpotifyEmulator.class);

	/** Scopes of {@link #issueTokens(String)}: what the collector asks for. */
	public static final String DEFAULT_SCOPE = "user-read-recently-played user-top-read";

	private final EmulatorSettings settings;

	private final EmulatorClock clock;

	private final Catalog catalog;

	private final Timelines timelines;

	private final TokenRegistry tokens;

	private final FaultInjector faults;

	private final DeveloperApps apps;

	private final Playlists playlists;

	private final HttpServer server;

	private final ExecutorService executor;

	private final String baseUrl;

	private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();

	/**
	 * Set once a saved state has been taken back, so restoring never saves half a state.
	 */
	private final AtomicReference<StateFile> stateFile = new AtomicReference<>();

	private SpotifyEmulator(EmulatorSettings settings, Clock realTime) throws IOException {
		this.settings = settings;
		StateFile file = (settings.stateFile() != null) ? new StateFile(settings.stateFile()) : null;
		Optional<EmulatorState> saved = (file != null) ? file.read(settings.seed()) : Optional.empty();
		Instant firstStart = (settings.startAt() != null) ? settings.startAt() : realTime.instant();
		Instant start = saved.map((state) -> state.nowAt(realTime.instant())).orElse(firstStart);
		this.clock = new EmulatorClock(start, settings.clockTicking(), realTime, this::persist);
		this.catalog = new Catalog(settings.seed());
		this.timelines = new Timelines(this.catalog, settings,
				saved.map(EmulatorState::historyOrigin).orElse(firstStart), this::persist);
		this.tokens = new TokenRegistry(this.clock, this::persist);
		this.apps = new DeveloperApps(
				new DeveloperApp(settings.clientId(), settings.clientSecret(), DeveloperApps.DEFAULT_OWNER, 0),
				this::persist);
		this.playlists = new Playlists(settings.seed(), this.clock, this::persist);
		if (file != null) {
			saved.ifPresent((state) -> restore(state, file));
			this.stateFile.set(file);
			persist();
		}
		this.faults = new FaultInjector(this.clock, settings.seed());
		settings.faults().forEach(this.faults::add);
		this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 256);
		this.baseUrl = "http://" + settings.host() + ":" + this.server.getAddress().getPort();
		JsonViews json = new JsonViews(this.baseUrl, settings.legacyFields(), this.catalog);
		AccountsEndpoints accounts = new AccountsEndpoints(this, this.tokens, json);
		WebApiEndpoints api = new WebApiEndpoints(this, this.tokens, json);
		ControlEndpoints control = new ControlEndpoints(this, json);
		this.server.createContext("/", (exchange) -> {
			HttpCall call = new HttpCall(exchange);
			String path = call.path();
			count(path);
			try {
				if (path.equals("/authorize")) {
					accounts.authorize(call);
				}
				else if (path.equals("/api/token")) {
					accounts.token(call);
				}
				else if (path.startsWith("/v1/")) {
					api.handle(call);
				}
				else if (path.startsWith("/_emulator/")) {
					control.handle(call);
				}
				else {
					call.json(404, json.error(404, "Service not found"));
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Emulator failed on {} {}: {}", call.method(), path, ex.toString());
				call.json(500, json.error(500, "Emulator error: " + ex.getMessage()));
			}
		});
		this.executor = Executors.newFixedThreadPool(settings.threads(), daemonThreads());
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Starts an emulator.
	 * @param settings how it behaves; port 0 picks a free port
	 * @return the running emulator; close it when done
	 */
	public static SpotifyEmulator start(EmulatorSettings settings) {
		return start(settings, Clock.systemUTC());
	}

	static SpotifyEmulator start(EmulatorSettings settings, Clock realTime) {
		try {
			return new SpotifyEmulator(settings, realTime);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"could not start the Spotify emulator on " + settings.host() + ":" + settings.port(), ex);
		}
	}

	/** {@code http://127.0.0.1:PORT}: both the accounts and the API base URL. */
	public String baseUrl() {
		return this.baseUrl;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public EmulatorSettings settings() {
		return this.settings;
	}

	// clock

	public EmulatorClock clock() {
		return this.clock;
	}

	public Instant now() {
		return this.clock.instant();
	}

	public Instant advance(Duration duration) {
		return this.clock.advance(duration);
	}

	public void setNow(Instant now) {
		this.clock.setNow(now);
	}

	// users and timelines

	public FakeUser addUser(FakeUser user) {
		this.timelines.add(user);
		return user;
	}

	public Optional<FakeUser> user(String spotifyUserId) {
		return this.timelines.user(spotifyUserId);
	}

	/** Ids of the first {@code max} users (generated ones first). */
	public List<String> userIds(int max) {
		return this.timelines.userIds(max);
	}

	public Catalog catalog() {
		return this.catalog;
	}

	/**
	 * Adds one play to a user's timeline (replacing a play at the same instant).
	 * @param spotifyUserId the user
	 * @param playedAt when the play ended
	 * @param trackId a catalog track id
	 * @return the play
	 */
	public EmulatedPlay appendPlay(String spotifyUserId, Instant playedAt, String trackId) {
		Catalog.Track track = this.catalog.track(trackId)
			.orElseThrow(() -> new IllegalArgumentException("track " + trackId + " is not in the emulator catalog"));
		return this.timelines.append(spotifyUserId, playedAt, track);
	}

	/**
	 * Appends {@code count} plays, the first at {@code firstPlayedAt}, then every
	 * {@code spacing}, cycling through the catalog's tracks.
	 * @return the plays, oldest first
	 */
	public List<EmulatedPlay> appendPlays(String spotifyUserId, Instant firstPlayedAt, int count, Duration spacing) {
		List<Catalog.Track> all = this.catalog.tracks();
		int offset = Math.floorMod(spotifyUserId.hashCode(), all.size());
		List<Map.Entry<Instant, Catalog.Track>> plays = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			plays.add(Map.entry(firstPlayedAt.plus(spacing.multipliedBy(i)), all.get((offset + i * 7) % all.size())));
		}
		return this.timelines.appendAll(spotifyUserId, plays);
	}

	/** The truth: every play of a user up to now, oldest first. */
	public List<EmulatedPlay> plays(String spotifyUserId) {
		return this.timelines.between(spotifyUserId, Instant.EPOCH, now());
	}

	/** Plays with {@code fromExclusive < played_at <= toInclusive}, oldest first. */
	public List<EmulatedPlay> plays(String spotifyUserId, Instant fromExclusive, Instant toInclusive) {
		return this.timelines.between(spotifyUserId, fromExclusive, toInclusive);
	}

	/** What recently-played can show right now: the newest 50 plays, newest first. */
	public List<EmulatedPlay> visiblePlays(String spotifyUserId) {
		return this.timelines.latest(spotifyUserId, now(), WebApiEndpoints.RECENTLY_PLAYED_MEMORY);
	}

	// tokens

	/**
	 * Issues tokens as if the user had gone through the consent page, for tests and
	 * benchmarks that do not exercise OAuth.
	 */
	public IssuedTokens issueTokens(String spotifyUserId) {
		return issueTokens(spotifyUserId, this.settings.clientId(), DEFAULT_SCOPE);
	}

	/**
	 * Issues tokens as if the user had consented to an app with these scopes: the user
	 * counts against the app's user cap and the refresh token's six months start now.
	 * @param spotifyUserId the user
	 * @param clientId a registered app
	 * @param scope granted scopes, space separated
	 * @return the tokens
	 */
	public IssuedTokens issueTokens(String spotifyUserId, String clientId, String scope) {
		this.timelines.user(spotifyUserId)
			.orElseThrow(() -> new IllegalArgumentException("unknown emulator user " + spotifyUserId));
		this.apps.app(clientId)
			.orElseThrow(() -> new IllegalArgumentException("unknown emulator app (client id) " + clientId));
		this.apps.authorize(clientId, spotifyUserId);
		return this.tokens.issue(spotifyUserId, clientId, scope, this.settings.accessTokenLifetime(), false);
	}

	/**
	 * Every user's latest consent to every app, with the instant its refresh tokens stop
	 * working (six months later).
	 */
	public List<Consent> consents() {
		return this.tokens.consents();
	}

	// developer apps

	/**
	 * Registers a developer app (or changes the secret, owner and cap of a known one), so
	 * its client id and secret are accepted.
	 */
	public DeveloperApp registerApp(DeveloperApp app) {
		return this.apps.register(app);
	}

	public List<DeveloperApp> apps() {
		return this.apps.all();
	}

	/** Users who authorized an app and may use it, in the order they came. */
	public List<String> appUsers(String clientId) {
		return this.apps.users(clientId);
	}

	/** Web API calls made with tokens of an app, answered or refused. */
	public long apiCalls(String clientId) {
		return this.apps.apiCalls(clientId);
	}

	/** Web API calls of an app answered 429 {@code QUOTA_EXCEEDED}. */
	public long quotaExceededCalls(String clientId) {
		return this.apps.quotaExceeded(clientId);
	}

	// playlists

	/**
	 * Every playlist a user created, the ones they deleted (unfollowed) too, oldest
	 * first.
	 */
	public List<EmulatedPlaylist> playlistsOwnedBy(String spotifyUserId) {
		return this.playlists.ownedBy(spotifyUserId);
	}

	public Optional<EmulatedPlaylist> playlist(String playlistId) {
		return this.playlists.find(playlistId);
	}

	/**
	 * The user deletes a playlist in their Spotify app, which on Spotify means they stop
	 * following it.
	 */
	public void unfollowPlaylist(String spotifyUserId, String playlistId) {
		this.playlists.find(playlistId)
			.orElseThrow(() -> new IllegalArgumentException("unknown emulator playlist " + playlistId));
		this.playlists.follow(playlistId, spotifyUserId, false);
	}

	/**
	 * The playlist is gone from Spotify altogether (removed for the owner's account or by
	 * Spotify): every Web API call about it answers 404 from now on.
	 */
	public void removePlaylist(String playlistId) {
		this.playlists.find(playlistId)
			.orElseThrow(() -> new IllegalArgumentException("unknown emulator playlist " + playlistId));
		this.playlists.remove(playlistId);
	}

	/**
	 * Changes what the Web API says about an artist.
	 * @param artistId a catalog artist
	 * @param genres its genres; empty to leave the field out as Spotify does for many
	 * artists
	 * @param images whether it has images
	 * @return the artist as served from now on
	 */
	public Catalog.Artist changeArtist(String artistId, List<String> genres, boolean images) {
		Catalog.Artist changed = this.catalog.changeArtist(artistId, genres, images);
		persist();
		return changed;
	}

	/**
	 * Revokes every refresh token of a user: the next refresh gets {@code invalid_grant}.
	 */
	public int revokeRefreshTokens(String spotifyUserId) {
		return this.tokens.revokeRefreshTokensOf(spotifyUserId);
	}

	/** Makes every access token issued so far expire now. */
	public void expireAccessTokens() {
		this.tokens.expireAccessTokens();
	}

	/** Every code and token ever issued, for asserting that none shows up in logs. */
	public List<String> issuedSecrets() {
		return this.tokens.everIssued();
	}

	// faults

	/**
	 * @return an id for {@link #removeFault(long)}
	 */
	public long inject(Fault fault) {
		return this.faults.add(fault);
	}

	public void removeFault(long id) {
		this.faults.remove(id);
	}

	public void clearFaults() {
		this.faults.clear();
	}

	public List<Fault> activeFaults() {
		return this.faults.active();
	}

	/** How many requests a fault has hit so far. */
	public long faultHits() {
		return this.faults.hits();
	}

	// request counting

	/**
	 * Requests received for a path, e.g. {@code /v1/me/player/recently-played} or
	 * {@code /api/token}.
	 */
	public long requestCount(String path) {
		AtomicLong count = this.requestCounts.get(path);
		return (count != null) ? count.get() : 0;
	}

	Map<String, AtomicLong> requestCounts() {
		return this.requestCounts;
	}

	/** The file this emulator keeps its state in, if any. */
	public Optional<Path> stateFile() {
		return Optional.ofNullable(this.stateFile.get()).map(StateFile::path);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void restore(EmulatorState state, StateFile file) {
		try {
			this.timelines.restore(state);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("emulator state file " + file.path() + " cannot be used: " + ex.getMessage()
					+ " (delete it to start with a fresh emulator state)", ex);
		}
		this.tokens.restore(state, this.settings.clientId());
		try {
			this.apps.restore(state.apps());
			this.catalog.restore(state.artists());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("emulator state file " + file.path() + " cannot be used: " + ex.getMessage()
					+ " (delete it to start with a fresh emulator state)", ex);
		}
		this.playlists.restore(state.playlists());
		logger.info("Emulator state restored from {}: {} refresh tokens, {} added users, {} appended plays, now {}",
				file.path(), state.refreshTokens().size(), state.addedUsers().size(), state.plays().size(),
				this.clock.instant());
	}

	/**
	 * Saves the state after a change, before the change is answered, so whatever a client
	 * was handed survives a restart.
	 */
	private void persist() {
		StateFile file = this.stateFile.get();
		if (file != null) {
			file.save(this::snapshot);
		}
	}

	private EmulatorState snapshot() {
		return new EmulatorState(EmulatorState.VERSION, this.settings.seed(), this.clock.realNow(),
				this.clock.instant(), this.clock.isTicking(), this.timelines.historyOrigin(),
				this.timelines.addedUsers(), this.timelines.appendedPlays(), this.tokens.accessTokensToKeep(),
				this.tokens.refreshTokensToKeep(), this.apps.toKeep(), this.playlists.toKeep(),
				this.catalog.changesToKeep());
	}

	// used by the endpoints

	Timelines timelines() {
		return this.timelines;
	}

	String apiBaseUrl() {
		return this.baseUrl;
	}

	DeveloperApps developerApps() {
		return this.apps;
	}

	Playlists playlists() {
		return this.playlists;
	}

	List<FaultInjector.Hits> faultHitsByRule() {
		return this.faults.hitsByRule();
	}

	FaultInjector.Decision decide(Fault.Target target, FaultInjector.Caller caller, boolean refreshGrant) {
		return this.faults.decide(target, caller, refreshGrant);
	}

	/** The caller behind a request of this user with this app's credentials. */
	FaultInjector.Caller caller(String userId, String clientId) {
		return new FaultInjector.Caller(userId, clientId,
				this.apps.app(clientId).map(DeveloperApp::owner).orElse(null));
	}

	/** Applies the faults that hit this request; true when the request was answered. */
	boolean faultFor(HttpCall call, Fault.Target target, FaultInjector.Caller caller, boolean refreshGrant)
			throws IOException {
		return answerFault(call, decide(target, caller, refreshGrant));
	}

	boolean answerFault(HttpCall call, FaultInjector.Decision decision) throws IOException {
		pause(decision.delay());
		if (decision.failure().isEmpty()) {
			return false;
		}
		Fault fault = decision.failure().get();
		switch (fault.kind()) {
			case RATE_LIMIT -> {
				call.header("Retry-After", String.valueOf(Math.max(0, fault.retryAfter().toSeconds())));
				call.json(429, "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}");
			}
			case QUOTA_EXCEEDED -> {
				call.header("Retry-After", String.valueOf(fault.retryAfterAt(now()).toSeconds()));
				call.json(429,
						"{\"error\":{\"status\":429,\"message\":\"Too many requests\",\"reason\":\"QUOTA_EXCEEDED\"}}");
			}
			case SERVER_ERROR -> call.json(fault.status(),
					"{\"error\":{\"status\":" + fault.status() + ",\"message\":\"" + reason(fault.status()) + "\"}}");
			case MALFORMED_JSON -> call.json(200, "{\"items\":[{\"track\":{\"album\":{\"name\":\"Trunc");
			default -> {
				return false;
			}
		}
		return true;
	}

	void pause(Duration delay) {
		if (!delay.isZero() && !delay.isNegative()) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static String reason(int status) {
		return switch (status) {
			case 502 -> "Bad gateway.";
			case 503 -> "Service unavailable";
			default -> "Server error.";
		};
	}

	private void count(String path) {
		String key = path.startsWith("/v1/tracks/") ? "/v1/tracks/{id}"
				: path.startsWith("/v1/artists/") ? "/v1/artists/{id}"
						: path.startsWith("/v1/playlists/") ? "/v1/playlists/{id}" + afterId(path, 3)
								: path.startsWith("/v1/users/") ? "/v1/users/{id}" + afterId(path, 3) : path;
		if (key.startsWith("/_emulator/")) {
			return;
		}
		this.requestCounts.computeIfAbsent(key, (k) -> new AtomicLong()).incrementAndGet();
	}

	/** What follows the id segment of a path like {@code /v1/playlists/ID/items}. */
	private static String afterId(String path, int idSegment) {
		String[] parts = path.split("/", idSegment + 2);
		return (parts.length > idSegment + 1) ? "/" + parts[idSegment + 1] : "";
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger number = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "spotify-emulator-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
