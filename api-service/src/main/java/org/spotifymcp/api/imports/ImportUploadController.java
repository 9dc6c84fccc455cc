package org.spotifymcp.api.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.spotifymcp.shared.imports.ImportIntake;
import org.spotifymcp.shared.imports.ImportJobView;
import org.spotifymcp.shared.imports.ImportRejectedException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Upload of a Spotify export (the ZIP, or one history {@code .json}) for a user. Answers
 * 202 with the pending job; a collector imports it. Protected by the admin chain
 * ({@code /admin/**}).
 */
@RestController
class ImportUploadController {

	private final ImportIntake intake;

	ImportUploadController(ImportIntake intake) {
		this.intake = intake;
	}

	@PostMapping(path = { "/admin/users/{userId}/import", "/admin/users/{userId}/imports/zip" },
			consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ImportJobView> upload(@PathVariable("userId") int userId, @RequestParam("file") MultipartFile file)
			throws IOException {
		try (InputStream content = file.getInputStream()) {
			ImportJobView job = ImportJobView.of(this.intake.accept(userId, file.getOriginalFilename(), content));
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(job);
		}
	}

	/**
	 * Without a {@code file} part Spring would answer a bare 400; say which part is
	 * missing. A {@code file} sent as a plain form field (no file name) lands here too.
	 */
	@ExceptionHandler(MissingServletRequestPartException.class)
	ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException ex) {
		return UploadErrors.body(HttpStatus.BAD_REQUEST,
				"the multipart part '" + ex.getRequestPartName()
						+ "' is missing: send the export (ZIP or .json) as a file in the form field '"
						+ ex.getRequestPartName() + "'",
				ex.getRequestPartName());
	}

	@ExceptionHandler(ImportRejectedException.class)
	ResponseEntity<Map<String, Object>> rejected(ImportRejectedException ex) {
		HttpStatus status = switch (ex.reason()) {
			case UNKNOWN_USER -> HttpStatus.NOT_FOUND;
			case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
			case EMPTY -> HttpStatus.BAD_REQUEST;
			case STORAGE_FAILED -> HttpStatus.INSUFFICIENT_STORAGE;
		};
		return UploadErrors.body(status, ex.getMessage());
	}

}
