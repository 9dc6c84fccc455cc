package org.spotifymcp.api.me.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Chart.js configurations as JSON for a canvas' {@code data-chart} attribute, drawn by
 * the shared {@code /js/charts.js} (which also shortens long names on the name axis with
 * an ellipsis, keeping the full name in the tooltip).
 */
@Component
public class ChartConfigs {

	private final JsonMapper json;

	ChartConfigs(JsonMapper json) {
		this.json = json;
	}

	public String bars(String label, List<String> names, List<? extends Number> values) {
		Map<String, Object> dataset = new LinkedHashMap<>();
		dataset.put("label", label);
		dataset.put("data", values);
		dataset.put("backgroundColor", "#1db954");
		return this.json.writeValueAsString(Map.of("type", "bar", "data",
				Map.of("labels", names, "datasets", List.of(dataset)), "options", Map.of("indexAxis", "y",
						"maintainAspectRatio", false, "plugins", Map.of("legend", Map.of("display", false)))));
	}

	/** Upright bars over time (months), as many as there are labels. */
	public String columns(String label, List<String> labels, List<? extends Number> values) {
		Map<String, Object> dataset = new LinkedHashMap<>();
		dataset.put("label", label);
		dataset.put("data", values);
		dataset.put("backgroundColor", "#1db954");
		// a history of one or two months would otherwise draw bars as wide as the chart
		dataset.put("maxBarThickness", 48);
		return this.json.writeValueAsString(
				Map.of("type", "bar", "data", Map.of("labels", labels, "datasets", List.of(dataset)), "options",
						Map.of("maintainAspectRatio", false, "plugins", Map.of("legend", Map.of("display", false)),
								"scales", Map.of("y", Map.of("beginAtZero", true, "ticks", Map.of("precision", 0))))));
	}

	public String line(String label, List<String> labels, List<? extends Number> values) {
		Map<String, Object> dataset = new LinkedHashMap<>();
		dataset.put("label", label);
		dataset.put("data", values);
		dataset.put("borderColor", "#1db954");
		dataset.put("backgroundColor", "rgba(29,185,84,0.2)");
		dataset.put("fill", true);
		dataset.put("tension", 0.2);
		dataset.put("pointRadius", 0);
		return this.json.writeValueAsString(
				Map.of("type", "line", "data", Map.of("labels", labels, "datasets", List.of(dataset)), "options",
						Map.of("maintainAspectRatio", false, "plugins", Map.of("legend", Map.of("display", false)),
								"scales", Map.of("y", Map.of("beginAtZero", true, "ticks", Map.of("precision", 0))))));
	}

}
