package org.spotifymcp.api.oauth;

import java.util.Collection;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/** The plain HTML pages of the MCP sign-in: sign-in choice and consent. */
final class OAuthPages {

	static final Map<String, String> SCOPE_TEXT = Map.of(McpResource.HISTORY_READ,
			"Read your collected listening history and the collector's status for your account",
			McpResource.SPOTIFY_READ, "Ask Spotify live for your top artists and tracks and search its catalog",
			McpResource.SPOTIFY_WRITE, "Create playlists in your Spotify account from your listening history");

	String signIn(String message, String csrfParameter, String csrfToken) {
		String note = (message != null) ? "<p class=\"error\" id=\"message\">" + escape(message) + "</p>" : "";
		return page("Sign in to connect your assistant",
				note + "<p>An assistant (Claude, ChatGPT or another MCP client) asks to read your listening history. "
						+ "Sign in to decide.</p>"
						+ "<p><a id=\"spotify\" href=\"/oauth2/signin/spotify\">Sign in with Spotify</a></p>"
						+ "<h2>No Spotify connection?</h2>"
						+ "<p>If your history was imported from a Spotify export, paste one of your MCP tokens:</p>"
						+ "<form method=\"post\" action=\"/oauth2/signin/token\">" + csrf(csrfParameter, csrfToken)
						+ "<input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"off\" required>"
						+ "<button type=\"submit\" id=\"token-submit\">Sign in with token</button></form>");
	}

	String consent(String clientName, Collection<String> redirectHosts, Collection<String> scopes,
			Collection<String> alreadyApproved, String clientId, String state, String csrfParameter, String csrfToken) {
		StringBuilder list = new StringBuilder("<ul id=\"scopes\">");
		StringBuilder hidden = new StringBuilder();
		for (String scope : scopes) {
			list.append("<li><code>")
				.append(escape(scope))
				.append("</code>: ")
				.append(escape(SCOPE_TEXT.getOrDefault(scope, scope)))
				.append(alreadyApproved.contains(scope) ? " (approved before)" : "")
				.append("</li>");
			hidden.append("<input type=\"hidden\" name=\"scope\" value=\"").append(escape(scope)).append("\">");
		}
		list.append("</ul>");
		String common = "<input type=\"hidden\" name=\"client_id\" value=\"" + escape(clientId) + "\">"
				+ "<input type=\"hidden\" name=\"state\" value=\"" + escape(state) + "\">"
				+ csrf(csrfParameter, csrfToken);
		return page("Allow access?", "<p><strong id=\"client-name\">" + escape(clientName)
				+ "</strong> wants to read your listening history. It will be sent back to <strong id=\"redirect-hosts\">"
				+ escape(String.join(", ", redirectHosts)) + "</strong>.</p>" + list
				+ "<form method=\"post\" action=\"/oauth2/authorize\" style=\"display:inline\">" + common + hidden
				+ "<button type=\"submit\" id=\"allow\">Allow</button></form> "
				+ "<form method=\"post\" action=\"/oauth2/authorize\" style=\"display:inline\">" + common
				+ "<button type=\"submit\" id=\"deny\">Deny</button></form>"
				+ "<p>You can withdraw this at any time; ask your admin, who sees every connected assistant.</p>");
	}

	String signedIn() {
		return page("Signed in", "<p>You are signed in. Return to your assistant and start the connection again.</p>");
	}

	String problem(String title, String explanation) {
		return page(title, "<p class=\"error\">" + escape(explanation) + "</p>");
	}

	private static String csrf(String parameter, String token) {
		return "<input type=\"hidden\" name=\"" + escape(parameter) + "\" value=\"" + escape(token) + "\">";
	}

	private static String page(String title, String body) {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
				+ " - Spotify history</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape((text != null) ? text : "");
	}

}
