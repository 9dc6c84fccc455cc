package org.spotifymcp.frontend.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.spotifymcp.shared.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser session of the admin UI on a test server, logged in with the test admin
 * token: it keeps its cookies, never follows redirects (tests look at them), and reads
 * the CSRF token forms need from the page that carries them.
 */
public final class SignedInAdmin {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final int port;

	private SignedInAdmin(int port) {
		this.port = port;
	}

	/**
	 * Logs in through the login form and checks the UI lets the admin in.
	 * @param port the admin UI's port
	 * @return the session
	 * @throws Exception when the server cannot be reached
	 */
	public static SignedInAdmin logIn(int port) throws Exception {
		SignedInAdmin admin = new SignedInAdmin(port);
		HttpResponse<String> response = admin.post("/login",
				"username=admin&password=" + URLEncoder.encode(TestDatabase.TEST_ADMIN_TOKEN, StandardCharsets.UTF_8),
				csrfOf(admin.get("/login")));
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));
		return admin;
	}

	public HttpResponse<String> get(String path) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Submits a form.
	 * @param path where to
	 * @param form the url-encoded fields
	 * @param csrf the token to add, or null to send none
	 * @return the answer
	 * @throws Exception when the server cannot be reached
	 */
	public HttpResponse<String> post(String path, String form, String csrf) throws Exception {
		String body = (csrf != null) ? form + (form.isEmpty() ? "" : "&") + "_csrf=" + csrf : form;
		return this.browser.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	public HttpClient browser() {
		return this.browser;
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** The CSRF token of a page with a form, failing the test when it has none. */
	public static String csrfOf(HttpResponse<String> page) {
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("page carries a CSRF token").isTrue();
		return csrf.group(1);
	}

}
