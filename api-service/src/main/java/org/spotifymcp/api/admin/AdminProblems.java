package org.spotifymcp.api.admin;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one error body of {@code /admin/**} and the uploads: an RFC 9457 problem
 * ({@code application/problem+json}) with {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} and, when one request field is at fault, {@code field}
 * (its snake_case name, as the client sent it).
 */
public final class AdminProblems {

	/** The extra member naming the query parameter, path variable, part or body field. */
	public static final String FIELD = "field";

	/**
	 * No admin error has semantics beyond its status (RFC 9457, section 4.2.1); written
	 * out because Spring leaves an unset type out of the body.
	 */
	private static final URI BLANK_TYPE = URI.create("about:blank");

	/** Only writes plain maps, so it needs no configuration of its own. */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AdminProblems() {
	}

	/**
	 * A problem for a request.
	 * @param status the HTTP status
	 * @param detail what went wrong, for people
	 * @param field the request field at fault, or null
	 * @param path the request path ({@code instance})
	 * @return the problem
	 */
	public static ProblemDetail problem(HttpStatusCode status, String detail, String field, String path) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(BLANK_TYPE);
		HttpStatus known = HttpStatus.resolve(status.value());
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		if (path != null) {
			problem.setInstance(URI.create(path));
		}
		if (field != null) {
			problem.setProperty(FIELD, snakeCase(field));
		}
		return problem;
	}

	/**
	 * Writes a problem where no controller runs (the security filters' 401, 403 and 429).
	 * @param request the request
	 * @param response the response, not yet committed
	 * @param status the HTTP status
	 * @param detail what went wrong
	 * @throws IOException when the client is gone
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		ProblemDetail problem = problem(status, detail, null, request.getRequestURI());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", String.valueOf(problem.getInstance()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(body));
	}

	/**
	 * The name a client uses for a field: Java names ({@code tokenId},
	 * {@code displayName}) become {@code token_id}, {@code display_name}; snake_case
	 * names stay as they are.
	 * @param name a field name
	 * @return its snake_case form
	 */
	public static String snakeCase(String name) {
		StringBuilder result = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isUpperCase(c)) {
				if (i > 0) {
					result.append('_');
				}
				result.append(Character.toLowerCase(c));
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

}
