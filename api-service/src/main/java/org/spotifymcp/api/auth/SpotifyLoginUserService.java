package org.spotifymcp.api.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.apps.SpotifyAppCredentials;
import org.spotifymcp.shared.apps.SpotifyApps;
import org.spotifymcp.shared.config.SpotifyProperties;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyUser;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Reads {@code /v1/me} with the fresh access token through the typed client and decides
 * who may connect before anything is stored. {@code ALLOWED_SPOTIFY_USER_IDS}, when set,
 * admits the accounts it lists; an invite link admits its listener too, and so do later
 * logins of a listener an invite once admitted. A login through one of the
 * {@code spotify_apps} needs an invite unless the account already belongs to that app (a
 * reconnect), so nobody uses up an app's five users uninvited.
 */
class SpotifyLoginUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	static final String NOT_ALLOWED = "not_allowed";

	static final String SPOTIFY_UNAVAILABLE = "spotify_unavailable";

	static final String INVITE_REQUIRED = "invite_required";

	private static final Logger logger = LoggerFactory.getLogger(SpotifyLoginUserService.class);

	private final SpotifyClient client;

	private final SpotifyProperties spotify;

	private final SpotifyApps apps;

	private final JdbcTemplate jdbc;

	SpotifyLoginUserService(SpotifyClient client, SpotifyProperties spotify, SpotifyApps apps, JdbcTemplate jdbc) {
		this.client = client;
		this.spotify = spotify;
		this.apps = apps;
		this.jdbc = jdbc;
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest request) {
		Integer appId = SpotifyAppRegistrations.appId(request.getClientRegistration().getRegistrationId()).orElse(null);
		SpotifyAppCredentials app = (appId != null) ? this.apps.credentials(appId)
			.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("client_registration_not_found")))
				: this.apps.defaultApp();
		// an invite counts for the login that runs through its app
		Optional<InviteLogins.Pending> invite = currentRequest().flatMap(InviteLogins::pending)
			.filter((pending) -> java.util.Objects.equals(pending.appId(), appId));
		SpotifyUser me;
		try {
			me = this.client.withAccessToken(request.getAccessToken().getTokenValue(), new SpotifyCallStats(), app)
				.me();
		}
		catch (SpotifyApiException ex) {
			logger.warn("Spotify login: reading the profile failed ({}, status {})", ex.kind(), ex.status());
			throw new OAuth2AuthenticationException(
					new OAuth2Error(SPOTIFY_UNAVAILABLE, "Spotify did not answer the profile request", null), ex);
		}
		if (appId != null && invite.isEmpty() && !belongsTo(me.id(), appId)) {
			logger.warn("Spotify login of user {} through app {} refused: no invite and not one of its users", me.id(),
					appId);
			throw new OAuth2AuthenticationException(new OAuth2Error(INVITE_REQUIRED,
					"Spotify user " + me.id() + " needs an invite for this app", null));
		}
		if (!this.spotify.allowedUserIds().isEmpty() && !this.spotify.allowedUserIds().contains(me.id())
				&& invite.isEmpty() && !admittedByInvite(me.id())) {
			logger.warn("Spotify login refused for user {}: not in ALLOWED_SPOTIFY_USER_IDS", me.id());
			throw new OAuth2AuthenticationException(
					new OAuth2Error(NOT_ALLOWED, "Spotify user " + me.id() + " is not allowed", null));
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("id", me.id());
		attributes.put("display_name", me.nameToShow());
		return new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("ROLE_SPOTIFY_USER")), attributes, "id");
	}

	private boolean belongsTo(String spotifyId, int appId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM users WHERE spotify_user_id = ? AND spotify_app_id = ?)", Boolean.class,
				spotifyId, appId));
	}

	private boolean admittedByInvite(String spotifyId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM spotify_app_invites i JOIN users u ON u.id = i.used_by_user_id"
						+ " WHERE u.spotify_user_id = ?)",
				Boolean.class, spotifyId));
	}

	/** The callback request: Spring Security calls this service inside it. */
	private static Optional<HttpServletRequest> currentRequest() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? Optional.of(attributes.getRequest()) : Optional.empty();
	}

}
