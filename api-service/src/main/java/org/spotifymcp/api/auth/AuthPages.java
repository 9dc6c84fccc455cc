package org.spotifymcp.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.spotifymcp.shared.config.SpotifyProperties;

import org.springframework.web.util.HtmlUtils;

/**
 * The plain HTML pages of the login flow. In demo mode each carries a banner saying the
 * service talks to the emulator, not to Spotify.
 */
class AuthPages {

	/**
	 * The pages' only style, in one {@code <style>} element whose hash the
	 * Content-Security-Policy allows: no inline style attributes, no scripts at all.
	 */
	private static final String STYLE = ".error{color:#b00020}";

	private final boolean demo;

	AuthPages(SpotifyProperties spotify) {
		this.demo = spotify.isDemo();
	}

	String landing() {
		return page("Connect Spotify",
				"<p>Connect your Spotify account so your listening history is collected from now on.</p>"
						+ "<p><a class=\"button primary\" id=\"connect\" href=\"/auth/login\">Connect with Spotify</a></p>"
						+ "<p class=\"muted\">Already connected? <a href=\"/me\">Open your listening space</a>.</p>");
	}

	String connected(String displayName, String csrfParameter, String csrfToken) {
		return page("Spotify connected", "<p id=\"connected\">Connected as <strong>" + escape(displayName)
				+ "</strong>.</p>" + "<h2>Next steps</h2><ol>"
				+ "<li>Your recent plays are fetched within a minute; from then on new plays are collected "
				+ "automatically.</li>" + "<li>Spotify only shows your last 50 plays. For older history, request "
				+ "&quot;Download your data&quot; in your Spotify account settings and upload the ZIP in "
				+ "your space (My data).</li>"
				+ "<li>Connect your AI assistant from your space to ask questions about your history.</li></ol>"
				+ "<p><a class=\"button primary\" id=\"go-to-me\" href=\"/me\">Go to your listening space</a></p>"
				+ "<form method=\"post\" action=\"/auth/logout\"><input type=\"hidden\" name=\"" + escape(csrfParameter)
				+ "\" value=\"" + escape(csrfToken) + "\">"
				+ "<button type=\"submit\" class=\"button\" id=\"logout\">Log out</button></form>");
	}

	String notConnected() {
		return page("Not connected",
				"<p>This browser is not logged in. <a href=\"/auth/login\">Connect with " + "Spotify</a>.</p>");
	}

	String loggedOut() {
		return page("Logged out", "<p>You are logged out. Collection of your listening history continues; "
				+ "<a href=\"/auth/login\">connect again</a> at any time.</p>");
	}

	String problem(String title, String explanation) {
		return page(title,
				"<p class=\"error\">" + escape(explanation) + "</p><p><a href=\"/auth/login\">Try " + "again</a></p>");
	}

	/** A refused invite link: no "try again", the link will not start working. */
	String inviteProblem(String title, String explanation) {
		return page(title, "<p class=\"error\" id=\"invite-problem\">" + escape(explanation)
				+ "</p><p class=\"muted\">Already connected? <a href=\"/me\">Open your listening space</a>.</p>");
	}

	String tooManyRequests(long retryAfterSeconds) {
		return page("Too many requests", "<p class=\"error\">Too many login requests from your address. Please wait "
				+ retryAfterSeconds + " seconds and try again.</p>");
	}

	/**
	 * The Content-Security-Policy of these pages: nothing may load or run except the one
	 * style element and the stylesheets the listener pages share; forms post only to this
	 * service (or the configured public base URL, where logout lands); no framing.
	 * @param publicOrigin scheme, host and port of {@code API_BASE_URL}
	 * @return the header value
	 */
	static String contentSecurityPolicy(String publicOrigin) {
		return "default-src 'none'; style-src '" + styleHash() + "' 'self'; form-action 'self' " + publicOrigin
				+ "; frame-ancestors 'none'; base-uri 'none'";
	}

	private static String styleHash() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(STYLE.getBytes(StandardCharsets.UTF_8));
			return "sha256-" + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private String page(String title, String body) {
		String banner = this.demo
				? "<div id=\"demo-banner\" class=\"demo-banner\" role=\"status\">"
						+ "Demo &mdash; not connected to Spotify. Logins go to the built-in Spotify emulator.</div>"
				: "";
		// The same stylesheets and header as the listener's pages under /me.
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
				+ " - Spotify history</title><link rel=\"stylesheet\" href=\"/css/app.css\">"
				+ "<link rel=\"stylesheet\" href=\"/css/me.css\"><style>" + STYLE + "</style></head><body>"
				+ "<header class=\"top\">" + banner
				+ "<div class=\"bar\"><nav class=\"nav\"><a class=\"brand\" href=\"/me\">&#9835; My listening</a>"
				+ "</nav></div></header><main class=\"narrow\"><h1>" + escape(title) + "</h1><section class=\"panel\">"
				+ body + "</section></main></body></html>";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape((text != null) ? text : "");
	}

}
