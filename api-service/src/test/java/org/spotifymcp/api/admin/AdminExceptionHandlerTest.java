package org.spotifymcp.api.admin;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The failures no admin request can provoke on purpose: an unexpected exception is a 500
 * problem that tells nothing of it, and requests outside {@code /admin} get Spring's own
 * handling (the exception goes on unchanged).
 */
class AdminExceptionHandlerTest {

	private final AdminExceptionHandler handler = new AdminExceptionHandler(null);

	@Test
	void anUnexpectedFailureIsA500ProblemWithoutItsInternals() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/users");
		ResponseEntity<ProblemDetail> answer = this.handler.other(
				new IllegalStateException("password=hunter2 in jdbc:postgresql://db"), request,
				new MockHttpServletResponse());
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		ProblemDetail problem = answer.getBody();
		assertThat(problem.getTitle()).isEqualTo("Internal Server Error");
		assertThat(problem.getType()).hasToString("about:blank");
		assertThat(problem.getInstance()).hasToString("/admin/users");
		assertThat(problem.getDetail()).doesNotContain("hunter2").doesNotContain("jdbc");
	}

	@Test
	void springWebFailuresKeepTheirStatusAndHeaders() throws Exception {
		ResponseEntity<ProblemDetail> answer = this.handler.other(
				new HttpRequestMethodNotSupportedException("PUT", java.util.List.of("GET", "DELETE")),
				new MockHttpServletRequest("PUT", "/admin/users/1"), new MockHttpServletResponse());
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(answer.getHeaders().getAllow()).hasSize(2);
	}

	@Test
	void requestsOutsideAdminAreHandedOnUnchanged() {
		IllegalStateException failure = new IllegalStateException("a listener page failed");
		assertThatThrownBy(() -> this.handler.other(failure, new MockHttpServletRequest("GET", "/me/stats"),
				new MockHttpServletResponse()))
			.isSameAs(failure);
		assertThatThrownBy(() -> this.handler.other(failure, new MockHttpServletRequest("GET", "/administrator"),
				new MockHttpServletResponse()))
			.isSameAs(failure);
	}

}
