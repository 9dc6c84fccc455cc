package org.spotifymcp.api.admin;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every handler method the application maps under {@code /admin} and checks that
 * none answers without credentials, so a new endpoint cannot slip out unprotected.
 */
class AdminRouteScanTest extends AdminApiTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void noAdminRouteAnswersWithoutCredentials() throws Exception {
		List<String> checked = new ArrayList<>();
		for (RequestMappingInfo info : this.mapping.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/admin")) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]+}", "1");
				List<RequestMethod> methods = info.getMethodsCondition().getMethods().isEmpty()
						? List.of(RequestMethod.GET) : List.copyOf(info.getMethodsCondition().getMethods());
				for (RequestMethod method : methods) {
					HttpResponse<String> anonymous = call(method.name(), path, null, null);
					assertThat(anonymous.statusCode()).as(method + " " + path).isEqualTo(401);
					assertThat(anonymous.body()).as(method + " " + path).contains("\"status\":401");
					HttpResponse<String> basicInTokenMode = call(method.name(), path, "Basic YWRtaW46YWRtaW4=", null);
					assertThat(basicInTokenMode.statusCode()).as("basic " + method + " " + path).isEqualTo(401);
					checked.add(method + " " + path);
				}
			}
		}
		// the endpoints, so the scan cannot pass by finding nothing
		assertThat(checked).contains("GET /admin/users", "GET /admin/users/1", "POST /admin/users",
				"PATCH /admin/users/1", "DELETE /admin/users/1", "POST /admin/users/1/pause",
				"POST /admin/users/1/resume", "POST /admin/users/1/initial-sync", "POST /admin/users/1/trigger-sync",
				"GET /admin/sync-status", "GET /admin/job-runs", "GET /admin/import-jobs", "GET /admin/import-jobs/1",
				"GET /admin/logs", "POST /admin/maintenance/purge-logs", "POST /admin/users/1/mcp-tokens",
				"GET /admin/users/1/mcp-tokens", "DELETE /admin/mcp-tokens/1");
	}

	@Test
	void everyAdminRouteIsDocumentedInOpenApi() throws Exception {
		HttpResponse<String> response = call("GET", "/openapi.json", null, null);
		assertThat(response.statusCode()).isEqualTo(200);
		String spec = response.body();
		for (RequestMappingInfo info : this.mapping.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/admin")) {
					assertThat(spec).as(pattern).contains("\"" + pattern + "\"");
				}
			}
		}
		assertThat(spec).contains("\"adminToken\"").contains("Admin: users").contains("Queue an incremental poll");
	}

}
