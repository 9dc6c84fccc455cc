package org.spotifymcp.api.auth;

import org.spotifymcp.shared.config.SpotifyProperties;

import org.springframework.web.util.HtmlUtils;

/**
 * The plain HTML pages of the login flow. In demo mode each carries a banner saying the
 * service talks to the emulator, not to Spotify.
 */
class AuthPages {

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
				+ "&quot;Download your data&quot; in your Spotify account settings and give the ZIP to your "
				+ "admin for import.</li>"
				+ "<li>Ask your admin for an MCP token to let an AI assistant answer questions about your "
				+ "history.</li></ol>" + "<form method=\"post\" action=\"/auth/logout\"><input type=\"hidden\" name=\""
				+ escape(csrfParameter) + "\" value=\"" + escape(csrfToken) + "\">"
				+ "<button type=\"submit\" id=\"logout\">Log out</button></form>");
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

	String tooManyRequests(long retryAfterSeconds) {
		return page("Too many requests", "<p class=\"error\">Too many login requests from your address. Please wait "
				+ retryAfterSeconds + " seconds and try again.</p>");
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
				+ "<link rel=\"stylesheet\" href=\"/css/me.css\"></head><body><header class=\"top\">" + banner
				+ "<div class=\"bar\"><nav class=\"nav\"><a class=\"brand\" href=\"/me\">&#9835; My listening</a>"
				+ "</nav></div></header><main class=\"narrow\"><h1>" + escape(title) + "</h1><section class=\"panel\">"
				+ body + "</section></main></body></html>";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape((text != null) ? text : "");
	}

}
