package org.spotifymcp.frontend.login;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI's login in basic mode over plain HTTP: security headers, session cookie flags,
 * CSRF on the login form, user name and password checks, and the failed-login brake.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "app.ops.frontend-auth-mode=basic", "app.admin.username=root",
				"app.admin.password=correct-horse", "app.login-throttle.max-failures-per-minute=3",
				// the test client plays the HTTPS proxy, so its forwarded headers are
				// trusted
				"server.tomcat.remoteip.internal-proxies=127.0.0.1" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontendSecurityTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	int port;

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/html");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postForm(String path, String form) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private String login(String username, String password) throws Exception {
		HttpResponse<String> page = get("/login");
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();
		HttpResponse<String> response = postForm("/login", "username=" + username + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1));
		assertThat(response.statusCode()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	@Test
	@Order(1)
	void theLoginPageAsksForUserNameAndPasswordWithSecurityHeaders() throws Exception {
		HttpResponse<String> page = get("/login");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("User name").contains("name=\"password\"");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'"));
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
	}

	@Test
	@Order(2)
	void pagesRedirectToTheLoginWithoutASession() throws Exception {
		HttpResponse<String> response = get("/users");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

	@Test
	@Order(3)
	void formsWithoutACsrfTokenAreRefusedWithAFriendlyPage() throws Exception {
		HttpResponse<String> response = postForm("/login", "username=root&password=correct-horse");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("Not allowed").doesNotContain("Exception").doesNotContain("at org.");
	}

	@Test
	@Order(4)
	void theRightUserNameAndPasswordOpenASessionWithSafeCookieFlags() throws Exception {
		assertThat(login("root", "wrong")).endsWith("/login?error");
		assertThat(login("admin", "correct-horse")).endsWith("/login?error");
		String target = login("root", "correct-horse");
		assertThat(target).endsWith("/");
		HttpResponse<String> dashboard = get("/");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("Dashboard").contains("Log out");

		HttpResponse<String> viaHttpsProxy = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-Proto", "https").build(),
					HttpResponse.BodyHandlers.ofString());
		String cookie = viaHttpsProxy.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("ADMIN_SESSION=")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.contains("Secure");
		String plainCookie = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
			.headers()
			.firstValue("Set-Cookie")
			.orElseThrow();
		assertThat(plainCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
	}

	@Test
	@Order(5)
	void unknownPagesShowTheFriendly404() throws Exception {
		HttpResponse<String> response = get("/no-such-page");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Not found").contains("Back to the dashboard");
		HttpResponse<String> user = get("/users/424242");
		assertThat(user.statusCode()).isEqualTo(404);
		assertThat(user.body()).contains("no user with id 424242");
		assertThat(get("/users/abc").statusCode()).isEqualTo(400);
	}

	@Test
	@Order(6)
	void repeatedFailuresAreThrottled() throws Exception {
		// earlier tests used 2 of the 3 allowed failures
		assertThat(login("root", "guess-1")).endsWith("/login?error");
		String throttled = login("root", "correct-horse");
		assertThat(throttled).contains("/login?throttled=");
		HttpResponse<String> page = get(URI.create(throttled).getRawPath() + "?" + URI.create(throttled).getRawQuery());
		assertThat(page.body()).contains("Too many failed attempts");
	}

}
