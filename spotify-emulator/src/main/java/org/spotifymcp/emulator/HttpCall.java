package org.spotifymcp.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/**
 * One request to the emulator, with the small conveniences its handlers need.
 */
final class HttpCall {

	private final HttpExchange exchange;

	private final Map<String, String> query;

	private Map<String, String> form;

	private String body;

	HttpCall(HttpExchange exchange) {
		this.exchange = exchange;
		this.query = parse(exchange.getRequestURI().getRawQuery());
	}

	String method() {
		return this.exchange.getRequestMethod();
	}

	String path() {
		return this.exchange.getRequestURI().getPath();
	}

	String rawQuery() {
		return this.exchange.getRequestURI().getRawQuery();
	}

	String query(String name) {
		return this.query.get(name);
	}

	Map<String, String> queryParameters() {
		return this.query;
	}

	String header(String name) {
		return this.exchange.getRequestHeaders().getFirst(name);
	}

	String body() throws IOException {
		if (this.body == null) {
			this.body = new String(this.exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		}
		return this.body;
	}

	/** Form fields of a {@code application/x-www-form-urlencoded} body. */
	String form(String name) throws IOException {
		if (this.form == null) {
			this.form = parse(body());
		}
		return this.form.get(name);
	}

	void json(int status, String json) throws IOException {
		send(status, "application/json; charset=utf-8", json);
	}

	void html(int status, String html) throws IOException {
		send(status, "text/html; charset=utf-8", html);
	}

	void redirect(String location) throws IOException {
		this.exchange.getResponseHeaders().set("Location", location);
		this.exchange.sendResponseHeaders(303, -1);
		this.exchange.close();
	}

	void header(String name, String value) {
		this.exchange.getResponseHeaders().set(name, value);
	}

	void send(int status, String contentType, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		this.exchange.getResponseHeaders().set("Content-Type", contentType);
		this.exchange.getResponseHeaders().set("Cache-Control", "no-store");
		this.exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = this.exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		this.exchange.close();
	}

	static Map<String, String> parse(String encoded) {
		Map<String, String> values = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return values;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			values.putIfAbsent(key, value);
		}
		return values;
	}

	static String encode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String escapeHtml(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

}
