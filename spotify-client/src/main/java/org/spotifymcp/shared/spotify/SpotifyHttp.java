package org.spotifymcp.shared.spotify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One HTTP exchange with Spotify through {@link RestClient}: sends, reads the body, maps
 * the status to a {@link SpotifyApiException} and parses JSON (snake_case, unknown and
 * absent fields tolerated). Never logs tokens or bodies.
 */
final class SpotifyHttp {

	private static final Logger logger = LoggerFactory.getLogger(SpotifyHttp.class);

	private final RestClient rest;

	private final JsonMapper mapper = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	SpotifyHttp(SpotifyClientProperties properties) {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(properties.readTimeout());
		this.rest = RestClient.builder().requestFactory(factory).build();
	}

	<T> T get(String endpoint, URI uri, String accessToken, TypeReference<T> type) {
		Answer answer = send(endpoint,
				() -> this.rest.get()
					.uri(uri)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
					.accept(MediaType.APPLICATION_JSON)
					.exchange((request, response) -> new Answer(response.getStatusCode().value(),
							response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), readBody(response.getBody()))));
		failOnError(endpoint, answer, (answer.status() == 429) ? webApiReason(answer.body()) : null);
		return parse(endpoint, answer, type);
	}

	/**
	 * A call with a JSON body ({@code POST}, {@code PUT}); the answer is parsed when a
	 * type is given.
	 */
	<T> T send(String endpoint, HttpMethod method, URI uri, String accessToken, Object body, TypeReference<T> type) {
		String json = this.mapper.writeValueAsString(body);
		Answer answer = send(endpoint,
				() -> this.rest.method(method)
					.uri(uri)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
					.contentType(MediaType.APPLICATION_JSON)
					.accept(MediaType.APPLICATION_JSON)
					.body(json)
					.exchange((request, response) -> new Answer(response.getStatusCode().value(),
							response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), readBody(response.getBody()))));
		failOnError(endpoint, answer, (answer.status() == 429) ? webApiReason(answer.body()) : null);
		return (type != null) ? parse(endpoint, answer, type) : null;
	}

	/**
	 * A form post to the token endpoint; {@code invalid_grant} becomes REAUTH_REQUIRED.
	 */
	TokenResponse postToken(URI uri, String basicAuthorization, MultiValueMap<String, String> form) {
		Answer answer = send("token", () -> {
			RestClient.RequestBodySpec request = this.rest.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON);
			if (basicAuthorization != null) {
				request.header(HttpHeaders.AUTHORIZATION, basicAuthorization);
			}
			return request.body(new LinkedMultiValueMap<>(form))
				.exchange((req, response) -> new Answer(response.getStatusCode().value(),
						response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), readBody(response.getBody())));
		});
		if (answer.status() == 400 || answer.status() == 401) {
			String error = oauthField(answer.body(), "error");
			if ("invalid_grant".equals(error)) {
				String description = oauthField(answer.body(), "error_description");
				throw new SpotifyApiException(SpotifyApiException.Kind.REAUTH_REQUIRED, answer.status(),
						"Spotify refused the refresh token (invalid_grant"
								+ (("unknown".equals(description)) ? "" : ": " + description) + ")",
						null, ("unknown".equals(description)) ? null : description, null);
			}
			throw new SpotifyApiException(SpotifyApiException.Kind.CLIENT_ERROR, answer.status(),
					"Spotify token endpoint refused the request: " + error);
		}
		failOnError("token", answer, null);
		TokenResponse token = parse("token", answer, new TypeReference<TokenResponse>() {
		});
		if (token.accessToken() == null || token.accessToken().isBlank()) {
			throw new SpotifyApiException(SpotifyApiException.Kind.MALFORMED_RESPONSE, answer.status(),
					"Spotify token answer has no access_token");
		}
		return token;
	}

	private Answer send(String endpoint, java.util.function.Supplier<Answer> exchange) {
		try {
			Answer answer = exchange.get();
			logger.debug("Spotify {} answered {}", endpoint, answer.status());
			return answer;
		}
		catch (ResourceAccessException ex) {
			logger.debug("Spotify {} did not answer: {}", endpoint, ex.getClass().getSimpleName());
			throw new SpotifyApiException(SpotifyApiException.Kind.TIMEOUT, 0,
					"Spotify " + endpoint + " did not answer: " + rootMessage(ex), null, ex);
		}
	}

	private static void failOnError(String endpoint, Answer answer, String reason) {
		int status = answer.status();
		if (status >= 200 && status < 300) {
			return;
		}
		if (status == 429) {
			Duration wait = retryAfter(answer.retryAfter());
			throw new SpotifyApiException(SpotifyApiException.Kind.RATE_LIMITED, status,
					"Spotify " + endpoint + " rate limited" + ((reason != null) ? " (" + reason + ")" : "")
							+ ", Retry-After " + wait.toSeconds() + " s",
					wait, reason, null);
		}
		if (status >= 500) {
			throw new SpotifyApiException(SpotifyApiException.Kind.SERVER_ERROR, status,
					"Spotify " + endpoint + " failed with " + status);
		}
		if (status == 401) {
			throw new SpotifyApiException(SpotifyApiException.Kind.UNAUTHORIZED, status,
					"Spotify " + endpoint + " refused the access token");
		}
		throw new SpotifyApiException(SpotifyApiException.Kind.CLIENT_ERROR, status,
				"Spotify " + endpoint + " refused the request with " + status);
	}

	private <T> T parse(String endpoint, Answer answer, TypeReference<T> type) {
		try {
			return this.mapper.readValue(answer.body(), type);
		}
		catch (JacksonException ex) {
			throw new SpotifyApiException(SpotifyApiException.Kind.MALFORMED_RESPONSE, answer.status(),
					"Spotify " + endpoint + " answered malformed JSON", null, null);
		}
	}

	private String oauthField(String body, String field) {
		try {
			JsonNode node = this.mapper.readTree(body);
			JsonNode value = (node != null) ? node.get(field) : null;
			return (value != null && value.isString()) ? value.asString() : "unknown";
		}
		catch (JacksonException ex) {
			return "unreadable";
		}
	}

	/**
	 * The {@code error.reason} of a Web API error body ({@code QUOTA_EXCEEDED} since July
	 * 2026), only read for failures.
	 */
	private String webApiReason(String body) {
		if (body == null || body.isEmpty() || !body.contains("reason")) {
			return null;
		}
		try {
			JsonNode error = this.mapper.readTree(body).get("error");
			JsonNode reason = (error != null && error.isObject()) ? error.get("reason") : null;
			return (reason != null && reason.isString() && !reason.asString().isBlank()) ? reason.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Duration retryAfter(String header) {
		if (header == null) {
			return Duration.ofSeconds(1);
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
		}
		catch (NumberFormatException ex) {
			return Duration.ofSeconds(1);
		}
	}

	private static String readBody(java.io.InputStream body) throws IOException {
		return new String(body.readAllBytes(), StandardCharsets.UTF_8);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

	record Answer(int status, String retryAfter, String body) {
	}

}
