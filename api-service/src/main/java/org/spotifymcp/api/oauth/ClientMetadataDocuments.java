package org.spotifymcp.api.oauth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Client ID Metadata Documents (MCP 2025-11-25): a {@code client_id} that is an
 * {@code https://} URL names a JSON document describing the client. It is fetched through
 * a {@link MetadataSource} (in production the SSRF-guarded
 * {@link GuardedMetadataFetcher}), checked like a dynamic registration, stored as a
 * registered client (so every instance and the JDBC authorization service find it) and
 * re-read at most every ten minutes. Every other client id is looked up as usual.
 */
final class ClientMetadataDocuments implements RegisteredClientRepository {

	private static final Logger logger = LoggerFactory.getLogger(ClientMetadataDocuments.class);

	private static final Duration FRESH = Duration.ofMinutes(10);

	private static final int MAX_CACHED = 1000;

	private final RegisteredClientRepository stored;

	private final MetadataSource source;

	private final RedirectUris redirectUris;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	ClientMetadataDocuments(RegisteredClientRepository stored, MetadataSource source, RedirectUris redirectUris,
			Clock clock) {
		this.stored = stored;
		this.source = source;
		this.redirectUris = redirectUris;
		this.clock = clock;
	}

	static boolean isMetadataUrl(String clientId) {
		return clientId != null && clientId.startsWith("https://");
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.stored.save(registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.stored.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		if (!isMetadataUrl(clientId)) {
			return this.stored.findByClientId(clientId);
		}
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(clientId);
		if (cached != null && now.isBefore(cached.readAt().plus(FRESH))) {
			return cached.client();
		}
		RegisteredClient client;
		try {
			client = read(clientId);
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.warn("client metadata document {} refused: {}", clientId, ex.getMessage());
			return null;
		}
		this.stored.save(client);
		if (this.cache.size() >= MAX_CACHED) {
			this.cache.clear();
		}
		this.cache.put(clientId, new Cached(client, now));
		return client;
	}

	private RegisteredClient read(String clientId) throws IOException {
		byte[] body = this.source.fetch(URI.create(clientId));
		Map<String, Object> document;
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> parsed = this.json.readValue(body, Map.class);
			document = parsed;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a JSON object");
		}
		if (!clientId.equals(document.get("client_id"))) {
			throw new IllegalArgumentException("its client_id must be the document's own URL");
		}
		Optional<String> problem = ClientRegistrationController.invalidMetadata(document);
		if (problem.isPresent()) {
			throw new IllegalArgumentException(problem.get());
		}
		List<String> uris = ClientRegistrationController.strings(document.get("redirect_uris"));
		if (uris == null || uris.isEmpty()) {
			throw new IllegalArgumentException("redirect_uris is required");
		}
		for (String uri : uris) {
			Optional<String> refusal = this.redirectUris.refusal(uri);
			if (refusal.isPresent()) {
				throw new IllegalArgumentException(refusal.get());
			}
		}
		RegisteredClient existing = this.stored.findByClientId(clientId);
		String id = (existing != null) ? existing.getId() : "cimd-" + sha256(clientId);
		RegisteredClient built = ClientRegistrationController.build(id, clientId, document, uris,
				(existing != null) ? existing.getClientIdIssuedAt() : this.clock.instant());
		if (!(document.get("client_name") instanceof String)) {
			return RegisteredClient.from(built).clientName(URI.create(clientId).getHost()).build();
		}
		return built;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
				.substring(0, 40);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Where metadata documents come from. */
	@FunctionalInterface
	interface MetadataSource {

		/**
		 * Reads a document.
		 * @param url the client id
		 * @return the document's bytes
		 * @throws IOException when it cannot or may not be read
		 */
		byte[] fetch(URI url) throws IOException;

	}

	private record Cached(RegisteredClient client, Instant readAt) {

	}

}
