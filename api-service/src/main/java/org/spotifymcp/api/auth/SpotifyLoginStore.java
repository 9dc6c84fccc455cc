package org.spotifymcp.api.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.api.me.ListenerSession;
import org.spotifymcp.shared.apps.SpotifyAppInvites;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.logs.LogEvents;
import org.spotifymcp.shared.spotify.SpotifyTokenStore;
import org.spotifymcp.shared.sync.SyncCheckpoint;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.User;
import org.spotifymcp.shared.users.UserRepository;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where Spring Security hands over the tokens of a completed login: the user is upserted
 * by Spotify id, attached to the Spotify app the login ran through (the tokens belong to
 * it), an invite the login brought is used up, both tokens are stored encrypted, the sync
 * checkpoint is created, and a user who was never synced gets an initial sync queued. A
 * known listener of another app who logs in through this one without an invite is only
 * signed in: their app and its tokens stay. The tokens are not kept in the browser
 * session.
 */
class SpotifyLoginStore implements OAuth2AuthorizedClientRepository {

	/** Session attribute holding the {@link ConnectedAccount} of this browser. */
	static final String CONNECTED_ACCOUNT = SpotifyLoginStore.class.getName() + ".account";

	/**
	 * The invite stopped being usable between the start of this login and its callback
	 * (another login used it, it expired or was withdrawn).
	 */
	static final String INVITE_USED = "invite_used";

	private static final Logger logger = LoggerFactory.getLogger(SpotifyLoginStore.class);

	private final UserRepository users;

	private final SyncCheckpointRepository checkpoints;

	private final SpotifyTokenStore tokens;

	private final JobQueue jobs;

	private final TransactionTemplate transactions;

	private final SpotifyApps apps;

	private final SpotifyAppInvites invites;

	SpotifyLoginStore(UserRepository users, SyncCheckpointRepository checkpoints, SpotifyTokenStore tokens,
			JobQueue jobs, TransactionTemplate transactions, SpotifyApps apps, SpotifyAppInvites invites) {
		this.apps = apps;
		this.invites = invites;
		this.users = users;
		this.checkpoints = checkpoints;
		this.tokens = tokens;
		this.jobs = jobs;
		this.transactions = transactions;
	}

	@Override
	public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
			Authentication principal, HttpServletRequest request) {
		return null;
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		OAuth2User spotifyUser = (OAuth2User) principal.getPrincipal();
		String spotifyId = spotifyUser.getName();
		String displayName = spotifyUser.getAttribute("display_name");
		OAuth2AccessToken access = client.getAccessToken();
		OAuth2RefreshToken refresh = client.getRefreshToken();
		if (refresh == null) {
			throw new IllegalStateException("Spotify returned no refresh token for " + spotifyId);
		}
		Instant expiresAt = (access.getExpiresAt() != null) ? access.getExpiresAt() : Instant.now().plusSeconds(3600);
		String scope = String.join(" ", access.getScopes());
		Integer appId = SpotifyAppRegistrations.appId(client.getClientRegistration().getRegistrationId()).orElse(null);
		Optional<InviteLogins.Pending> invite = InviteLogins.pending(request)
			.filter((pending) -> Objects.equals(pending.appId(), appId));
		ConnectedAccount account = this.transactions.execute((status) -> {
			java.util.Optional<User> existing = this.users.findBySpotifyUserId(spotifyId);
			boolean created = existing.isEmpty();
			User user = existing.orElseGet(() -> new User(spotifyId, displayName, null));
			if (!created && displayName != null && !displayName.equals(user.getDisplayName())) {
				user.rename(displayName);
			}
			user = this.users.saveAndFlush(user);
			if (!created && invite.isEmpty() && !Objects.equals(this.apps.appIdOf(user.getId()), appId)) {
				// a listener of another app signing in (say at /me, through the default
				// app):
				// their app and its tokens stay; reconnecting from their space runs
				// through it
				logger.info(LogEvents.PERSIST,
						"user {} signed in through Spotify app {} but belongs to another: tokens and app kept",
						user.getId(), (appId != null) ? appId : "default");
				return new ConnectedAccount(user.getId(), spotifyId, displayName, false, false);
			}
			if (invite.isPresent() && !this.invites.redeem(invite.get().inviteId(), user.getId())) {
				// rolls the whole login back: nothing is stored
				throw new OAuth2AuthenticationException(new OAuth2Error(INVITE_USED));
			}
			this.apps.connectedThrough(user.getId(), appId);
			this.tokens.saveLogin(user.getId(), access.getTokenValue(), refresh.getTokenValue(), expiresAt, scope);
			SyncCheckpoint checkpoint = this.checkpoints.findById(user.getId()).orElseThrow();
			return new ConnectedAccount(user.getId(), spotifyId, displayName, created,
					checkpoint.getInitialSyncCompletedAt() == null);
		});
		InviteLogins.forget(request);
		if (account.needsInitialSync()) {
			this.jobs.runSoon(JobTasks.INITIAL_SYNC, String.valueOf(account.userId()));
		}
		logger.info(LogEvents.PERSIST, "Spotify account {} connected as user {} ({}) through Spotify app {}{}",
				spotifyId, account.userId(), account.newUser() ? "new user" : "returning user",
				(appId != null) ? appId : "default",
				invite.map((used) -> " with invite " + used.inviteId()).orElse(""));
		request.getSession().setAttribute(CONNECTED_ACCOUNT, account);
		ListenerSession.signIn(request, account.userId());
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		// nothing is kept per browser; stored tokens stay for the collector
	}

	/**
	 * The account this browser connected.
	 *
	 * @param userId our user id
	 * @param spotifyId the Spotify user id
	 * @param displayName the Spotify display name
	 * @param newUser whether the user was created by this login
	 * @param needsInitialSync whether an initial sync was queued
	 */
	record ConnectedAccount(int userId, String spotifyId, String displayName, boolean newUser,
			boolean needsInitialSync) implements java.io.Serializable {

	}

}
