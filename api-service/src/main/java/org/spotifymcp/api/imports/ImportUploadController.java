package org.spotifymcp.api.imports;

import java.io.IOException;
import java.io.InputStream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spotifymcp.shared.imports.ImportIntake;
import org.spotifymcp.shared.imports.ImportJobView;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload of a Spotify export (the ZIP, or one history {@code .json}) for a user. Answers
 * 202 with the pending job; a collector imports it. Protected by the admin chain
 * ({@code /admin/**}); its failures are problems like every admin failure
 * ({@link org.spotifymcp.api.admin.AdminExceptionHandler}).
 */
@RestController
@Tag(name = "Admin: imports", description = "Spotify export uploads")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminBasic")
class ImportUploadController {

	private final ImportIntake intake;

	ImportUploadController(ImportIntake intake) {
		this.intake = intake;
	}

	@PostMapping(path = { "/admin/users/{id}/import", "/admin/users/{id}/imports/zip" },
			consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Upload a Spotify export (ZIP or one history .json) as the multipart file field 'file';"
			+ " answers 202 with the pending import job")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ImportJobView upload(@PathVariable("id") int userId, @RequestParam("file") MultipartFile file) throws IOException {
		try (InputStream content = file.getInputStream()) {
			return ImportJobView.of(this.intake.accept(userId, file.getOriginalFilename(), content));
		}
	}

}
