package org.spotifymcp.api.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.config.SpotifyProperties;
import org.spotifymcp.shared.spotify.SpotifyApiException;
import org.spotifymcp.shared.spotify.SpotifyCallStats;
import org.spotifymcp.shared.spotify.SpotifyClient;
import org.spotifymcp.shared.spotify.SpotifyUser;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Reads {@code /v1/me} with the fresh access token through the typed client and applies
 * the allowlist before anything is stored.
 */
class SpotifyLoginUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	static final String NOT_ALLOWED = "not_allowed";

	static final String SPOTIFY_UNAVAILABLE = "spotify_unavailable";

	private static final Logger logger = LoggerFactory.getLogger(SpotifyLoginUserService.class);

	private final SpotifyClient client;

	private final SpotifyProperties spotify;

	SpotifyLoginUserService(SpotifyClient client, SpotifyProperties spotify) {
		this.client = client;
		this.spotify = spotify;
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest request) {
		SpotifyUser me;
		try {
			me = this.client.withAccessToken(request.getAccessToken().getTokenValue(), new SpotifyCallStats()).me();
		}
		catch (SpotifyApiException ex) {
			logger.warn("Spotify login: reading the profile failed ({}, status {})", ex.kind(), ex.status());
			throw new OAuth2AuthenticationException(
					new OAuth2Error(SPOTIFY_UNAVAILABLE, "Spotify did not answer the profile request", null), ex);
		}
		if (!this.spotify.allowedUserIds().isEmpty() && !this.spotify.allowedUserIds().contains(me.id())) {
			logger.warn("Spotify login refused for user {}: not in ALLOWED_SPOTIFY_USER_IDS", me.id());
			throw new OAuth2AuthenticationException(
					new OAuth2Error(NOT_ALLOWED, "Spotify user " + me.id() + " is not allowed", null));
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("id", me.id());
		attributes.put("display_name", me.nameToShow());
		return new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("ROLE_SPOTIFY_USER")), attributes, "id");
	}

}
