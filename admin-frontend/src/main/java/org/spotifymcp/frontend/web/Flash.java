package org.spotifymcp.frontend.web;

import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs a form action and leaves its outcome as a one-time message for the page the
 * browser is sent to next (post/redirect/get).
 */
public final class Flash {

	private Flash() {
	}

	/**
	 * Runs the action; success leaves {@code notice}, a refusal leaves {@code problem}.
	 * @param attributes the redirect's flash attributes
	 * @param success the message on success
	 * @param action what to do
	 * @return whether the action succeeded
	 */
	public static boolean perform(RedirectAttributes attributes, String success, Runnable action) {
		try {
			action.run();
			attributes.addFlashAttribute("notice", success);
			return true;
		}
		catch (ActionRefusedException | InvalidFilterException ex) {
			attributes.addFlashAttribute("problem", ex.getMessage());
			return false;
		}
	}

}
