package org.spotifymcp.api.admin;

import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns admin failures into JSON: 400 naming the field, 404 for unknown ids, 409 for
 * actions the current state refuses.
 */
@RestControllerAdvice(basePackageClasses = AdminExceptionHandler.class)
class AdminExceptionHandler {

	@ExceptionHandler(InvalidFilterException.class)
	ResponseEntity<AdminError> invalid(InvalidFilterException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.getField());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<AdminError> typeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName().toLowerCase() : "value";
		return error(HttpStatus.BAD_REQUEST, ex.getName() + " must be a valid " + expected, ex.getName());
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<AdminError> missing(MissingServletRequestParameterException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getParameterName() + " is required", ex.getParameterName());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<AdminError> unreadable(HttpMessageNotReadableException ex) {
		return error(HttpStatus.BAD_REQUEST, "the request body must be a JSON object with the documented fields",
				"body");
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<AdminError> notFound(NotFoundException ex) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage(), null);
	}

	@ExceptionHandler(ActionRefusedException.class)
	ResponseEntity<AdminError> refused(ActionRefusedException ex) {
		return error(HttpStatus.CONFLICT, ex.getMessage(), null);
	}

	private static ResponseEntity<AdminError> error(HttpStatus status, String message, String field) {
		return ResponseEntity.status(status)
			.body(new AdminError(status.value(), status.getReasonPhrase(), message, field));
	}

}
