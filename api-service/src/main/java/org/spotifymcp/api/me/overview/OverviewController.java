package org.spotifymcp.api.me.overview;

import java.util.Map;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.analytics.Coverage;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.WindowRequest;
import org.spotifymcp.shared.analytics.Wrapped;
import org.spotifymcp.shared.consent.SpotifyConsents;
import org.spotifymcp.shared.sync.SyncCheckpoint;
import org.spotifymcp.shared.sync.SyncCheckpointRepository;
import org.spotifymcp.shared.users.SpotifyToken;
import org.spotifymcp.shared.users.SpotifyTokenRepository;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The listener's home: how much is stored, where it came from, whether collection runs
 * and where the history has holes. Counts come from the same analytics as the MCP tools.
 */
@Controller
class OverviewController {

	private static final Map<String, String> SOURCE_NAMES = Map.of("api", "Collected from Spotify", "extended_export",
			"Imported (extended history)", "account_export", "Imported (account data)");

	private final HistoryAnalytics analytics;

	private final SyncCheckpointRepository checkpoints;

	private final SpotifyTokenRepository tokens;

	private final SpotifyConsents consents;

	OverviewController(HistoryAnalytics analytics, SyncCheckpointRepository checkpoints, SpotifyTokenRepository tokens,
			SpotifyConsents consents) {
		this.analytics = analytics;
		this.checkpoints = checkpoints;
		this.tokens = tokens;
		this.consents = consents;
	}

	@GetMapping({ "/me", "/me/" })
	String overview(@AuthenticationPrincipal Listener listener, Model model) {
		WindowRequest allTime = WindowRequest.allTime(listener.timeZone());
		Coverage coverage = this.analytics.coverage(listener.userId(), allTime);
		Wrapped totals = this.analytics.wrapped(listener.userId(), allTime);
		SyncCheckpoint checkpoint = this.checkpoints.findById(listener.userId()).orElse(null);
		SpotifyToken token = this.tokens.findById(listener.userId()).orElse(null);
		boolean linked = listener.spotifyUserId() != null;
		boolean tokenValid = token != null && token.getStatus() == SpotifyToken.Status.VALID;
		model.addAttribute("coverage", coverage);
		model.addAttribute("totals", totals);
		model.addAttribute("sources", coverage.sources()
			.stream()
			.map((source) -> new SourceRow(SOURCE_NAMES.getOrDefault(source.source(), source.source()), source.plays()))
			.toList());
		model.addAttribute("status", CollectionStatus.of(checkpoint, linked, tokenValid));
		model.addAttribute("link", LinkHealth.of(linked, token));
		// Spotify ends every consent after six months: the listener must reconnect by
		// then
		model.addAttribute("consent", linked ? this.consents.find(listener.userId()).orElse(null) : null);
		return "me/overview";
	}

	/**
	 * Plays from one source.
	 *
	 * @param label what the source is called on the page
	 * @param plays plays
	 */
	record SourceRow(String label, long plays) {

	}

	/**
	 * The Spotify link as the listener sees it.
	 *
	 * @param level ok, warn or bad
	 * @param text one sentence
	 * @param since when the link last changed
	 */
	record LinkHealth(String level, String text, java.time.Instant since) {

		static LinkHealth of(boolean linked, SpotifyToken token) {
			if (!linked) {
				return new LinkHealth("warn", "No Spotify account is linked: only uploaded exports are counted.", null);
			}
			if (token == null || token.getStatus() != SpotifyToken.Status.VALID) {
				return new LinkHealth("bad",
						"Spotify access was revoked or expired. Sign in with Spotify to reconnect.",
						(token != null) ? token.getUpdatedAt() : null);
			}
			return new LinkHealth("ok", "Linked and working.", token.getUpdatedAt());
		}

	}

}
