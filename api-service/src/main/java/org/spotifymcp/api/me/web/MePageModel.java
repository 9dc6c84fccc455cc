package org.spotifymcp.api.me.web;

import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.config.SpotifyProperties;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every listener page's layout needs: who is signed in and whether the service runs
 * against the emulator.
 */
@ControllerAdvice(basePackages = "org.spotifymcp.api.me")
class MePageModel {

	private final boolean demo;

	MePageModel(SpotifyProperties spotify) {
		this.demo = spotify.isDemo();
	}

	@ModelAttribute("demoMode")
	boolean demoMode() {
		return this.demo;
	}

	@ModelAttribute("listener")
	Listener listener(@AuthenticationPrincipal Listener listener) {
		return listener;
	}

}
