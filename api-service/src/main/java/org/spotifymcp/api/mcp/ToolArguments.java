package org.spotifymcp.api.mcp;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.spotifymcp.shared.analytics.WindowRequest;

/**
 * Typed, validated access to a tool call's arguments, with messages that say what to fix.
 */
public final class ToolArguments {

	private final Map<String, Object> values;

	ToolArguments(Map<String, Object> values, Set<String> allowed) {
		this.values = (values != null) ? values : Map.of();
		Set<String> unknown = new TreeSet<>(this.values.keySet());
		unknown.removeAll(allowed);
		if (!unknown.isEmpty()) {
			throw new McpToolException("unknown argument(s) " + unknown + "; allowed: " + new TreeSet<>(allowed));
		}
	}

	public boolean has(String name) {
		return this.values.get(name) != null;
	}

	public Integer integer(String name) {
		Object value = this.values.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
				&& Math.abs(number.doubleValue()) < Integer.MAX_VALUE) {
			return number.intValue();
		}
		if (value instanceof String text && text.trim().matches("-?\\d{1,9}")) {
			return Integer.valueOf(text.trim());
		}
		throw new McpToolException(name + " must be an integer, got '" + value + "'");
	}

	public int integer(String name, int defaultValue) {
		Integer value = integer(name);
		return (value != null) ? value : defaultValue;
	}

	public String string(String name) {
		Object value = this.values.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof String text) {
			return text;
		}
		throw new McpToolException(name + " must be a string, got " + value);
	}

	public Boolean bool(String name) {
		Object value = this.values.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean flag) {
			return flag;
		}
		if ("true".equals(value) || "false".equals(value)) {
			return Boolean.valueOf((String) value);
		}
		throw new McpToolException(name + " must be true or false, got '" + value + "'");
	}

	/** The common window arguments: days, start, end, all_time, time_zone. */
	public WindowRequest window() {
		return window("");
	}

	/**
	 * Window arguments with a prefix, as in {@code a_start}.
	 * @param prefix the prefix, empty for the plain names
	 * @return the request
	 */
	public WindowRequest window(String prefix) {
		return new WindowRequest(integer(prefix + "days"), string(prefix + "start"), string(prefix + "end"),
				bool(prefix + "all_time"), string("time_zone"));
	}

}
