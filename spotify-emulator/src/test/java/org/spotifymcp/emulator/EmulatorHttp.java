package org.spotifymcp.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP calls to a running emulator, as a client of Spotify would make them.
 */
final class EmulatorHttp {

	static final JsonMapper mapper = JsonMapper.builder().build();

	static final String REDIRECT = "http://127.0.0.1:9/callback";

	private final HttpClient http = HttpClient.newHttpClient();

	private final SpotifyEmulator emulator;

	EmulatorHttp(SpotifyEmulator emulator) {
		this.emulator = emulator;
	}

	HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path, String token) throws Exception {
		return send("GET", path, token, null);
	}

	JsonNode getJson(String path, String token) throws Exception {
		HttpResponse<String> response = get(path, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return mapper.readTree(response.body());
	}

	HttpResponse<String> form(String path, String form, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The consent page's Accept for a user and app; returns the authorization code. */
	String consent(String clientId, String userId, String scope) throws Exception {
		String query = "client_id=" + enc(clientId) + "&response_type=code&redirect_uri=" + enc(REDIRECT)
				+ "&state=s&scope=" + enc(scope) + "&user=" + enc(userId) + "&decision=accept";
		HttpResponse<String> accepted = form("/authorize", query, null);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(303);
		String location = accepted.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT + "?code=");
		return java.net.URLDecoder.decode(location.substring(location.indexOf("code=") + 5, location.indexOf("&state")),
				StandardCharsets.UTF_8);
	}

	/** Exchanges a code with the client's Basic credentials. */
	HttpResponse<String> exchange(String code, String clientId, String secret) throws Exception {
		return form("/api/token", "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT),
				basic(clientId, secret));
	}

	/** Consent and code exchange: the tokens as JSON. */
	JsonNode connect(String clientId, String secret, String userId, String scope) throws Exception {
		HttpResponse<String> tokens = exchange(consent(clientId, userId, scope), clientId, secret);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return mapper.readTree(tokens.body());
	}

	HttpResponse<String> refresh(String refreshToken, String clientId, String secret) throws Exception {
		return form("/api/token", "grant_type=refresh_token&refresh_token=" + enc(refreshToken),
				basic(clientId, secret));
	}

	static String basic(String clientId, String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
