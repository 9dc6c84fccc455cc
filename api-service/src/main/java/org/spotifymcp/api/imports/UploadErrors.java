package org.spotifymcp.api.imports;

import java.util.LinkedHashMap;
import java.util.Map;

import org.spotifymcp.shared.config.ImportProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The servlet container refuses oversized multipart bodies before any controller runs
 * ({@code spring.servlet.multipart.max-file-size} follows
 * {@code IMPORT_MAX_ZIP_SIZE_MB}); this turns that refusal into the same JSON 413 the
 * intake gives.
 */
@RestControllerAdvice
class UploadErrors {

	private final ImportProperties properties;

	UploadErrors(ImportProperties properties) {
		this.properties = properties;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException ex) {
		return body(HttpStatus.PAYLOAD_TOO_LARGE,
				"the upload is larger than IMPORT_MAX_ZIP_SIZE_MB=" + this.properties.maxZipSizeMb() + " MB");
	}

	static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
		return body(status, message, null);
	}

	/**
	 * The upload's error body; {@code field} (left out when null) names the request part
	 * at fault, as the admin API's errors do.
	 */
	static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, String field) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status.value());
		body.put("error", status.getReasonPhrase());
		body.put("message", message);
		if (field != null) {
			body.put("field", field);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
