package org.spotifymcp.api.admin.apps;

import java.net.URI;

import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * RFC 9457 problem details for the Spotify app and invite endpoints: 400 with the
 * {@code field} at fault, 404 for unknown ids, 409 for what the current state refuses.
 * Ahead of the admin API's general handler, for these controllers only.
 */
@RestControllerAdvice(basePackageClasses = AdminAppsProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminAppsProblems {

	@ExceptionHandler(InvalidFilterException.class)
	ProblemDetail invalid(InvalidFilterException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.getField());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName().toLowerCase() : "value";
		return problem(HttpStatus.BAD_REQUEST, ex.getName() + " must be a valid " + expected, ex.getName());
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ProblemDetail missing(MissingServletRequestParameterException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getParameterName() + " is required", ex.getParameterName());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		return problem(HttpStatus.BAD_REQUEST, "the request body must be a JSON object with the documented fields",
				"body");
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage(), null);
	}

	@ExceptionHandler(ActionRefusedException.class)
	ProblemDetail refused(ActionRefusedException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage(), null);
	}

	private static ProblemDetail problem(HttpStatus status, String detail, String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("about:blank"));
		if (field != null) {
			problem.setProperty("field", field);
		}
		return problem;
	}

}
