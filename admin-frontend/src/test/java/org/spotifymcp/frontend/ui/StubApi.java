package org.spotifymcp.frontend.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the API service's {@code /healthz}, so the dashboard's API health check
 * has something real to call in UI tests.
 */
final class StubApi implements AutoCloseable {

	private final HttpServer server;

	private StubApi(HttpServer server) {
		this.server = server;
	}

	static StubApi start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/healthz", (exchange) -> {
				byte[] body = "{\"status\":\"UP\",\"service\":\"api-service\"}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return new StubApi(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
