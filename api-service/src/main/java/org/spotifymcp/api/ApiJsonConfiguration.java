package org.spotifymcp.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request and response bodies of the API's controllers (admin REST, uploads,
 * {@code /mcp/tools}, {@code /mcp/call}) are snake_case JSON, the convention of every
 * external body; Java records keep their camelCase components. Only the HTTP converter is
 * renamed: the application's {@link JsonMapper} bean, the MCP SDK's own mapper (whose
 * JSON-RPC envelope MCP spells in camelCase) and the OAuth endpoints (governed by their
 * RFCs) are untouched. MCP tool results get the same naming from their own mapper
 * ({@code McpToolInvoker}).
 */
@Configuration(proxyBeanMethods = false)
class ApiJsonConfiguration implements WebMvcConfigurer {

	private final JsonMapper jsonMapper;

	ApiJsonConfiguration(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Runs after Spring Boot's configurer (order 0), so this JSON converter replaces
	 * Boot's in the same place of the list (after the byte array and string converters,
	 * which {@code /openapi.json} needs first).
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.withJsonConverter(new JacksonJsonHttpMessageConverter(
				this.jsonMapper.rebuild().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)));
	}

	/**
	 * {@code /openapi.json} names properties as the converter writes them (springdoc
	 * reads models with swagger-core's Jackson 2 mapper, which knows nothing of the one
	 * above).
	 */
	@Bean
	ModelResolver snakeCaseModelResolver() {
		ObjectMapper mapper = Json.mapper()
			.copy()
			.setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
		return new ModelResolver(mapper);
	}

}
