package org.spotifymcp.api.admin.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.spotifymcp.api.me.data.ExportFormat;
import org.spotifymcp.api.me.data.HistoryExport;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.UserAdministration;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A user's whole history as a download, the same streams the listener gets on My data.
 */
@RestController
class AdminExportController {

	private final UserAdministration users;

	private final HistoryExport export;

	AdminExportController(UserAdministration users, HistoryExport export) {
		this.users = users;
		this.export = export;
	}

	@GetMapping("/admin/users/{id}/export")
	@Operation(
			summary = "Download a user's plays as extended-history JSON (re-importable), CSV or ListenBrainz JSON lines",
			security = { @SecurityRequirement(name = "adminToken"), @SecurityRequirement(name = "adminBasic") })
	ResponseEntity<StreamingResponseBody> export(@PathVariable("id") int id,
			@RequestParam(name = "format", defaultValue = "json") String format) {
		ExportFormat chosen;
		try {
			chosen = ExportFormat.parse(format);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFilterException("format", "must be json, csv or listenbrainz, got '" + format + "'");
		}
		this.users.user(id);
		return this.export.response(id, chosen);
	}

}
