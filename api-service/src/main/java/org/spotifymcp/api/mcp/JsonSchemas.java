package org.spotifymcp.api.mcp;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a tool's JSON Schema {@code outputSchema} from the record it returns, with the
 * same snake_case names the JSON mapper writes, so schema and payload cannot drift apart.
 */
final class JsonSchemas {

	private JsonSchemas() {
	}

	static Map<String, Object> forRecord(Class<?> type) {
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> required = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String name = snakeCase(component.getName());
			properties.put(name, forType(component.getGenericType()));
			if (component.getType().isPrimitive()) {
				required.add(name);
			}
		}
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", properties);
		if (!required.isEmpty()) {
			schema.put("required", required);
		}
		return schema;
	}

	private static Object forType(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			Class<?> raw = (Class<?>) parameterized.getRawType();
			if (List.class.isAssignableFrom(raw)) {
				return Map.of("type", List.of("array", "null"), "items",
						forType(parameterized.getActualTypeArguments()[0]));
			}
			return Map.of("type", List.of("object", "null"));
		}
		Class<?> raw = (Class<?>) type;
		if (raw == int.class || raw == long.class || raw == short.class) {
			return Map.of("type", "integer");
		}
		if (raw == double.class || raw == float.class) {
			return Map.of("type", "number");
		}
		if (raw == boolean.class) {
			return Map.of("type", "boolean");
		}
		if (raw == Integer.class || raw == Long.class || raw == Short.class) {
			return Map.of("type", List.of("integer", "null"));
		}
		if (Number.class.isAssignableFrom(raw)) {
			return Map.of("type", List.of("number", "null"));
		}
		if (raw == Boolean.class) {
			return Map.of("type", List.of("boolean", "null"));
		}
		if (raw == String.class) {
			return Map.of("type", List.of("string", "null"));
		}
		if (raw.isRecord()) {
			Map<String, Object> nested = new LinkedHashMap<>(forRecord(raw));
			nested.put("type", List.of("object", "null"));
			return nested;
		}
		return Map.of("type", List.of("object", "null"));
	}

	static String snakeCase(String camel) {
		StringBuilder result = new StringBuilder();
		for (char c : camel.toCharArray()) {
			if (Character.isUpperCase(c)) {
				result.append('_').append(Character.toLowerCase(c));
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

}
