package org.spotifymcp.api.admin;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a real answer against what {@code /openapi.json} says of it: the operation
 * documents the status and the content type, and the body has exactly the documented
 * properties (a schema that lists {@code required} ones only needs those), recursively,
 * with the documented JSON types. Every object key is snake_case.
 */
public final class OpenApiContract {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JsonNode document;

	public OpenApiContract(String document) {
		this.document = json.readTree(document);
	}

	/**
	 * Asserts that an answer is the documented one.
	 * @param method the HTTP method, e.g. {@code get}
	 * @param path the documented path template, e.g. {@code /admin/users/{id}}
	 * @param response the real answer
	 */
	public void assertDocuments(String method, String path, HttpResponse<String> response) {
		String where = method.toUpperCase() + " " + path + " " + response.statusCode();
		JsonNode operation = this.document.path("paths").path(path).path(method.toLowerCase());
		assertThat(operation.isMissingNode()).as(where + " is documented").isFalse();
		JsonNode documented = operation.path("responses").path(String.valueOf(response.statusCode()));
		assertThat(documented.isMissingNode()).as(where + ": status documented").isFalse();
		if (response.body().isEmpty()) {
			assertThat(documented.path("content").isMissingNode() || documented.path("content").isEmpty())
				.as(where + ": documented without a body")
				.isTrue();
			return;
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
		JsonNode media = documented.path("content").path(contentType);
		assertThat(media.isMissingNode()).as(where + ": content type " + contentType + " documented").isFalse();
		assertConforms(media.path("schema"), json.readTree(response.body()), where);
	}

	/**
	 * Asserts that a body matches a schema of the document's components.
	 * @param schemaName e.g. {@code ProblemDetail}
	 * @param body the JSON
	 * @param where what to name in failures
	 */
	public void assertConformsTo(String schemaName, String body, String where) {
		JsonNode schema = this.document.path("components").path("schemas").path(schemaName);
		assertThat(schema.isMissingNode()).as(schemaName + " is a documented schema").isFalse();
		assertConforms(schema, json.readTree(body), where);
	}

	private void assertConforms(JsonNode schema, JsonNode value, String where) {
		List<String> problems = new ArrayList<>();
		check(schema, value, "$", problems);
		assertThat(problems).as(where + " against " + schema).isEmpty();
	}

	private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
		JsonNode resolved = resolve(schema);
		if (value.isNull()) {
			return;
		}
		Set<String> types = types(resolved);
		if (value.isObject()) {
			if (!types.isEmpty() && !types.contains("object")) {
				problems.add(at + " is an object, documented " + types);
				return;
			}
			checkObject(resolved, value, at, problems);
		}
		else if (value.isArray()) {
			if (!types.contains("array")) {
				problems.add(at + " is an array, documented " + types);
				return;
			}
			for (int i = 0; i < value.size(); i++) {
				check(resolved.path("items"), value.get(i), at + "[" + i + "]", problems);
			}
		}
		else if (value.isString() && !types.isEmpty() && !types.contains("string")) {
			problems.add(at + " is a string, documented " + types);
		}
		else if (value.isIntegralNumber() && !types.isEmpty() && !types.contains("integer")
				&& !types.contains("number")) {
			problems.add(at + " is an integer, documented " + types);
		}
		else if (value.isFloatingPointNumber() && !types.isEmpty() && !types.contains("number")) {
			problems.add(at + " is a number, documented " + types);
		}
		else if (value.isBoolean() && !types.isEmpty() && !types.contains("boolean")) {
			problems.add(at + " is a boolean, documented " + types);
		}
	}

	private void checkObject(JsonNode schema, JsonNode value, String at, List<String> problems) {
		JsonNode properties = schema.path("properties");
		Set<String> keys = new TreeSet<>(value.propertyNames());
		for (String key : keys) {
			if (!key.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
				problems.add(at + "." + key + " is not snake_case");
			}
		}
		if (properties.isMissingNode()) {
			// a free-form map (job stats, log context): no names to compare
			return;
		}
		Set<String> documented = new TreeSet<>(properties.propertyNames());
		Set<String> undocumented = new TreeSet<>(keys);
		undocumented.removeAll(documented);
		if (!undocumented.isEmpty()) {
			problems.add(at + " has undocumented " + undocumented);
		}
		Set<String> expected = new TreeSet<>(documented);
		if (schema.has("required")) {
			expected.clear();
			schema.path("required").forEach((name) -> expected.add(name.asString()));
		}
		expected.removeAll(keys);
		if (!expected.isEmpty()) {
			problems.add(at + " lacks documented " + expected);
		}
		for (String key : keys) {
			if (properties.has(key)) {
				check(properties.get(key), value.get(key), at + "." + key, problems);
			}
		}
	}

	private JsonNode resolve(JsonNode schema) {
		JsonNode current = schema;
		while (current.has("$ref")) {
			String ref = current.get("$ref").asString();
			current = this.document.at(ref.substring(1));
		}
		return current;
	}

	private static Set<String> types(JsonNode schema) {
		Set<String> types = new TreeSet<>();
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			type.forEach((t) -> types.add(t.asString()));
		}
		else if (type.isString()) {
			types.add(type.asString());
		}
		else if (schema.has("properties")) {
			types.add("object");
		}
		return types;
	}

}
