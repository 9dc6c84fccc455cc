package org.spotifymcp.frontend.web;

import org.spotifymcp.shared.admin.InvalidFilterException;
import org.spotifymcp.shared.admin.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Unknown ids and unusable filters get the friendly error pages, with a message and
 * without a stack trace.
 */
@ControllerAdvice
class UiExceptionHandler {

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException ex, Model model) {
		model.addAttribute("message", ex.getMessage());
		return "error/404";
	}

	@ExceptionHandler(InvalidFilterException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalid(InvalidFilterException ex, Model model) {
		model.addAttribute("message", ex.getMessage());
		return "error/400";
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String typeMismatch(MethodArgumentTypeMismatchException ex, Model model) {
		model.addAttribute("message", ex.getName() + " is not valid");
		return "error/400";
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String missingParameter(MissingServletRequestParameterException ex, Model model) {
		model.addAttribute("message", "The form field '" + ex.getParameterName() + "' is missing.");
		return "error/400";
	}

	@ExceptionHandler(MissingServletRequestPartException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String missingPart(MissingServletRequestPartException ex, Model model) {
		model.addAttribute("message",
				"The form field '" + ex.getRequestPartName() + "' is missing: choose the export file to upload.");
		return "error/400";
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	@ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
	String tooLarge(Model model) {
		model.addAttribute("message", "The file is larger than IMPORT_MAX_ZIP_SIZE_MB allows.");
		return "error/400";
	}

}
