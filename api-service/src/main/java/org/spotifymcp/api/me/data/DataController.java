package org.spotifymcp.api.me.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.api.me.Listener;
import org.spotifymcp.shared.admin.UserAdministration;
import org.spotifymcp.shared.imports.ImportIntake;
import org.spotifymcp.shared.imports.ImportJob;
import org.spotifymcp.shared.imports.ImportJobRepository;
import org.spotifymcp.shared.imports.ImportRejectedException;
import org.spotifymcp.shared.logs.LogEvents;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My data: upload an export (the admin's import path, with live progress), download
 * everything, delete the account.
 */
@Controller
class DataController {

	/** What the listener types to confirm deleting the account. */
	static final String CONFIRMATION = "delete my account";

	private static final Logger logger = LoggerFactory.getLogger(DataController.class);

	private final ImportIntake intake;

	private final ImportJobRepository imports;

	private final HistoryExport export;

	private final UserAdministration users;

	DataController(ImportIntake intake, ImportJobRepository imports, HistoryExport export, UserAdministration users) {
		this.intake = intake;
		this.imports = imports;
		this.export = export;
		this.users = users;
	}

	@GetMapping("/me/data")
	String page(@AuthenticationPrincipal Listener listener, Model model) {
		model.addAttribute("imports", this.imports.findByUserIdOrderByCreatedAtDesc(listener.userId()));
		model.addAttribute("confirmation", CONFIRMATION);
		return "me/data";
	}

	@PostMapping(path = "/me/data/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String upload(@AuthenticationPrincipal Listener listener,
			@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
			throws IOException {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("problem", "Choose your Spotify export (the ZIP, or one .json file) first.");
			return "redirect:/me/data";
		}
		try (InputStream content = file.getInputStream()) {
			ImportJob job = this.intake.accept(listener.userId(), file.getOriginalFilename(), content);
			redirect.addFlashAttribute("notice",
					"Upload received: " + job.getOriginalFilename() + " is queued for import; progress shows below.");
		}
		catch (ImportRejectedException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/me/data";
	}

	@GetMapping("/me/data/imports/{id}/progress")
	String progress(@AuthenticationPrincipal Listener listener, @PathVariable long id, Model model) {
		ImportJob job = this.imports.findById(id)
			.filter((found) -> found.getUserId() == listener.userId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("job", job);
		return "me/data :: progress";
	}

	@GetMapping("/me/data/export")
	ResponseEntity<StreamingResponseBody> download(@AuthenticationPrincipal Listener listener,
			@RequestParam(defaultValue = "json") String format) {
		ExportFormat chosen;
		try {
			chosen = ExportFormat.parse(format);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		return this.export.response(listener.userId(), chosen);
	}

	@PostMapping("/me/data/delete")
	String delete(@AuthenticationPrincipal Listener listener, @RequestParam(defaultValue = "") String confirm,
			HttpServletRequest request, RedirectAttributes redirect) {
		if (!CONFIRMATION.equals(confirm.trim().toLowerCase(Locale.ROOT))) {
			redirect.addFlashAttribute("problem",
					"Nothing was deleted: type \"" + CONFIRMATION + "\" exactly to confirm.");
			return "redirect:/me/data#delete";
		}
		this.users.delete(listener.userId());
		logger.info(LogEvents.PERSIST, "User {} deleted their own account", listener.userId());
		request.getSession().invalidate();
		return "redirect:/me/sign-in?deleted";
	}

}
