package org.spotifymcp.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for a Slack/Discord incoming webhook on 127.0.0.1: keeps every body
 * posted to it and answers with a status the test chooses.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final AtomicInteger status = new AtomicInteger(200);

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	public static WebhookReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			WebhookReceiver receiver = new WebhookReceiver(server);
			server.createContext("/hook", (exchange) -> {
				receiver.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(receiver.status.get(), answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	/** The bodies received so far, oldest first. */
	public List<String> bodies() {
		return List.copyOf(this.bodies);
	}

	public void answerWith(int statusCode) {
		this.status.set(statusCode);
	}

	public void clear() {
		this.bodies.clear();
		this.status.set(200);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
