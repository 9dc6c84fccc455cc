package org.spotifymcp.api.admin;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;
import org.spotifymcp.shared.config.ImportProperties;
import org.spotifymcp.shared.imports.ImportRejectedException;
import tools.jackson.core.JacksonException;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of a {@code /admin/**} request (the uploads included) as an RFC 9457
 * problem: 400 naming the field, 404 for unknown ids and paths, 405, 409 for actions the
 * current state refuses, 413, 415 and 500 without internals. New admin endpoints only
 * throw ({@link InvalidFilterException}, {@link NotFoundException},
 * {@link ActionRefusedException}); this class shapes the answer.
 * <p>
 * It applies to every handler, not only the admin controllers, because wrong methods,
 * unknown paths, unsupported media types and oversized uploads fail before Spring knows
 * the controller. Other paths ({@code /me}, {@code /mcp}, OAuth) keep their own answers:
 * the exception is rethrown, which hands it on to Spring's default resolvers unchanged.
 */
@RestControllerAdvice
public class AdminExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(AdminExceptionHandler.class);

	private final ImportProperties imports;

	AdminExceptionHandler(ImportProperties imports) {
		this.imports = imports;
	}

	@ExceptionHandler(InvalidFilterException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidFilterException ex, HttpServletRequest request) throws Exception {
		String field = AdminProblems.snakeCase(ex.getField());
		return answer(request, ex, HttpStatus.BAD_REQUEST, field + " " + ex.getProblem(), field);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request)
			throws Exception {
		String field = AdminProblems.snakeCase(ex.getName());
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName().toLowerCase() : "value";
		return answer(request, ex, HttpStatus.BAD_REQUEST, field + " must be a valid " + expected, field);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException ex,
			HttpServletRequest request) throws Exception {
		String field = AdminProblems.snakeCase(ex.getParameterName());
		return answer(request, ex, HttpStatus.BAD_REQUEST, field + " is required", field);
	}

	/**
	 * Without a {@code file} part Spring would answer a bare 400; say which part is
	 * missing. A {@code file} sent as a plain form field (no file name) lands here too.
	 */
	@ExceptionHandler(MissingServletRequestPartException.class)
	ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException ex, HttpServletRequest request)
			throws Exception {
		String part = ex.getRequestPartName();
		return answer(request, ex, HttpStatus.BAD_REQUEST,
				"the multipart part '" + part
						+ "' is missing: send the export (ZIP or .json) as a file in the form field '" + part + "'",
				part);
	}

	/** Names the body field whose value has the wrong type, or the whole body. */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request)
			throws Exception {
		String field = "body";
		if (ex.getCause() instanceof JacksonException json) {
			List<JacksonException.Reference> path = json.getPath();
			for (int i = path.size() - 1; i >= 0; i--) {
				if (path.get(i).getPropertyName() != null) {
					field = path.get(i).getPropertyName();
					break;
				}
			}
		}
		String detail = "body".equals(field) ? "the request body must be a JSON object with the documented fields"
				: field + " has the wrong type";
		return answer(request, ex, HttpStatus.BAD_REQUEST, detail, field);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex, HttpServletRequest request) throws Exception {
		return answer(request, ex, HttpStatus.NOT_FOUND, ex.getMessage(), null);
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException ex, HttpServletRequest request) throws Exception {
		return answer(request, ex, HttpStatus.NOT_FOUND, "no admin endpoint at " + request.getRequestURI(), null);
	}

	@ExceptionHandler(ActionRefusedException.class)
	ResponseEntity<ProblemDetail> refused(ActionRefusedException ex, HttpServletRequest request) throws Exception {
		return answer(request, ex, HttpStatus.CONFLICT, ex.getMessage(), null);
	}

	@ExceptionHandler(ImportRejectedException.class)
	ResponseEntity<ProblemDetail> uploadRejected(ImportRejectedException ex, HttpServletRequest request)
			throws Exception {
		HttpStatus status = switch (ex.reason()) {
			case UNKNOWN_USER -> HttpStatus.NOT_FOUND;
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case EMPTY -> HttpStatus.BAD_REQUEST;
			case STORAGE_FAILED -> HttpStatus.INSUFFICIENT_STORAGE;
		};
		return answer(request, ex, status, ex.getMessage(),
				(ex.reason() == ImportRejectedException.Reason.EMPTY) ? "file" : null);
	}

	/**
	 * The servlet container refuses oversized multipart bodies before any controller runs
	 * ({@code spring.servlet.multipart.max-file-size} follows
	 * {@code IMPORT_MAX_ZIP_SIZE_MB}).
	 */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request)
			throws Exception {
		return answer(request, ex, HttpStatus.CONTENT_TOO_LARGE,
				"the upload is larger than IMPORT_MAX_ZIP_SIZE_MB=" + this.imports.maxZipSizeMb() + " MB", "file");
	}

	/**
	 * Everything else: Spring's own web failures (405, 415, ...) keep their status and
	 * text; anything unexpected is a 500 that tells nothing of the internals.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> other(Exception ex, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException
				|| ex instanceof AsyncRequestNotUsableException || response.isCommitted()) {
			// the security filters answer these; a client that left needs no answer
			throw ex;
		}
		if (ex instanceof ErrorResponse error) {
			String detail = (error.getBody().getDetail() != null) ? error.getBody().getDetail()
					: String.valueOf(error.getStatusCode());
			return answer(request, ex, error.getStatusCode(), detail, null, error.getHeaders());
		}
		ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		if (annotated != null) {
			String detail = !annotated.reason().isEmpty() ? annotated.reason() : ex.getMessage();
			return answer(request, ex, annotated.code(), detail, null);
		}
		if (isAdmin(request)) {
			logger.error("admin request {} {} failed", request.getMethod(), request.getRequestURI(), ex);
		}
		return answer(request, ex, HttpStatus.INTERNAL_SERVER_ERROR,
				"the server could not answer; the error is in the api-service log", null);
	}

	private static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, Exception ex, HttpStatusCode status,
			String detail, String field) throws Exception {
		return answer(request, ex, status, detail, field, HttpHeaders.EMPTY);
	}

	private static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, Exception ex, HttpStatusCode status,
			String detail, String field, HttpHeaders headers) throws Exception {
		if (!isAdmin(request)) {
			throw ex;
		}
		return ResponseEntity.status(status)
			.headers(headers)
			.body(AdminProblems.problem(status, detail, field, request.getRequestURI()));
	}

	private static boolean isAdmin(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/admin") || path.startsWith("/admin/");
	}

}
