package org.spotifymcp.api.admin;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.spotifymcp.shared.admin.PageRequest;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents the error answers of {@code /admin/**} in {@code /openapi.json}: the
 * {@code ProblemDetail} schema ({@link AdminProblems}) and, on every admin operation, the
 * statuses {@link AdminExceptionHandler} and the security filters can give it.
 */
@Configuration(proxyBeanMethods = false)
class AdminOpenApi {

	static final String PROBLEM_SCHEMA = "ProblemDetail";

	static final String PROBLEM_JSON = "application/problem+json";

	@Bean
	OpenApiCustomizer adminProblemResponses() {
		return (openApi) -> {
			openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/admin")) {
					item.readOperationsMap().forEach((method, operation) -> {
						addProblems(path, operation);
						documentPaging(operation);
					});
				}
			});
		};
	}

	private static void addProblems(String path, Operation operation) {
		add(operation, "400", "A query parameter, path variable or body field is invalid; field names it");
		add(operation, "401", "No or wrong admin credentials");
		add(operation, "403", "The credentials are not an admin's");
		if (path.contains("{")) {
			add(operation, "404", "No such user, job, token or client");
		}
		if (path.endsWith("-sync")) {
			add(operation, "409", "The user's state refuses the action (no Spotify link, paused)");
		}
		if (isUpload(operation)) {
			add(operation, "413", "The upload is larger than IMPORT_MAX_ZIP_SIZE_MB");
			add(operation, "415", "The body is not multipart/form-data");
			add(operation, "507", "The upload directory could not take the file");
		}
		add(operation, "429", "Too many failed logins from this address; see Retry-After");
		add(operation, "500", "An unexpected failure (details only in the log)");
	}

	/** The bounds {@link PageRequest} enforces, so clients see them before a 400. */
	private static void documentPaging(Operation operation) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			if (!"query".equals(parameter.getIn()) || parameter.getSchema() == null) {
				continue;
			}
			if ("page".equals(parameter.getName())) {
				parameter.getSchema().setMinimum(BigDecimal.ZERO);
				parameter.description("zero-based page number");
			}
			else if ("size".equals(parameter.getName())) {
				parameter.getSchema().setMinimum(BigDecimal.ONE);
				parameter.getSchema().setMaximum(BigDecimal.valueOf(PageRequest.MAX_SIZE));
				parameter.description("rows per page");
			}
		}
	}

	private static boolean isUpload(Operation operation) {
		return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
				&& operation.getRequestBody().getContent().containsKey("multipart/form-data");
	}

	private static void add(Operation operation, String status, String description) {
		if (operation.getResponses().containsKey(status)) {
			return;
		}
		operation.getResponses()
			.addApiResponse(status, new ApiResponse().description(description)
				.content(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
	}

	private static Schema<?> problemSchema() {
		Schema<?> schema = new ObjectSchema().description("An RFC 9457 problem, the body of every admin error");
		schema.setProperties(new LinkedHashMap<>());
		schema.addProperty("type", new StringSchema().format("uri").description("about:blank: the status says it"));
		schema.addProperty("title", new StringSchema().description("the status phrase"));
		schema.addProperty("status", new IntegerSchema().format("int32").description("the HTTP status"));
		schema.addProperty("detail", new StringSchema().description("what went wrong, for people"));
		schema.addProperty("instance", new StringSchema().format("uri-reference").description("the request path"));
		schema.addProperty(AdminProblems.FIELD, new StringSchema()
			.description("the query parameter, path variable, multipart part or body field at fault (snake_case)"));
		schema.setRequired(List.of("type", "title", "status", "detail", "instance"));
		return schema;
	}

}
