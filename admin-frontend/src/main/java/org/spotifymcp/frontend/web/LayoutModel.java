package org.spotifymcp.frontend.web;

import org.spotifymcp.shared.config.OperationsProperties;
import org.spotifymcp.shared.config.SpotifyProperties;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout shows: the demo banner and where the API lives (for the
 * "connect Spotify" hints).
 */
@ControllerAdvice
class LayoutModel {

	private final SpotifyProperties spotify;

	private final OperationsProperties operations;

	LayoutModel(SpotifyProperties spotify, OperationsProperties operations) {
		this.spotify = spotify;
		this.operations = operations;
	}

	@ModelAttribute("demoMode")
	boolean demoMode() {
		return this.spotify.isDemo();
	}

	@ModelAttribute("apiBaseUrl")
	String apiBaseUrl() {
		String base = this.operations.apiBaseUrl();
		return (base == null) ? "" : base.replaceAll("/+$", "");
	}

}
