package org.spotifymcp.api.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.playlists.PlaylistPreferences;
import org.spotifymcp.shared.spotify.SpotifyClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The MCP server: the official SDK's stateless Streamable-HTTP transport as a servlet on
 * {@code POST /mcp}. Stateless means no session affinity: any instance behind a load
 * balancer can answer any request.
 */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {

	/**
	 * MCP messages are small; the SDK's own default (16 MiB) would let each caller buffer
	 * that much.
	 */
	static final int MAX_MESSAGE_BYTES = 1024 * 1024;

	@Bean
	McpToolCatalog mcpToolCatalog(HistoryAnalytics history, DataSource dataSource,
			ObjectProvider<McpToolSource> extraTools) {
		List<McpTool> extra = extraTools.orderedStream().flatMap((source) -> source.tools().stream()).toList();
		return new McpToolCatalog(history, new OperationsQueries(new NamedParameterJdbcTemplate(dataSource)), extra);
	}

	@Bean
	McpToolSource spotifyLiveTools(ObjectProvider<SpotifyClient> spotify) {
		SpotifyClient client = spotify.getIfAvailable();
		return (client != null) ? new SpotifyLiveTools(client) : List::of;
	}

	@Bean
	McpToolSource playlistTools(HistoryAnalytics history, ObjectProvider<SpotifyClient> spotify,
			PlaylistPreferences preferences) {
		SpotifyClient client = spotify.getIfAvailable();
		return (client != null) ? new PlaylistTools(history, client, preferences) : List::of;
	}

	@Bean
	McpToolInvoker mcpToolInvoker(McpToolCatalog catalog, ObjectProvider<MeterRegistry> meters) {
		return new McpToolInvoker(catalog, meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	/** The MCP server's JSON: transport, results and their text copies alike. */
	@Bean
	JacksonMcpJsonMapper mcpJsonMapper() {
		return new JacksonMcpJsonMapper(McpJson.mapper());
	}

	@Bean
	HttpServletStatelessServerTransport mcpTransport(JacksonMcpJsonMapper json) {
		return HttpServletStatelessServerTransport.builder()
			.jsonMapper(json)
			.messageEndpoint("/mcp")
			.maxRequestSize(MAX_MESSAGE_BYTES)
			.contextExtractor((request) -> {
				Object caller = request.getAttribute(McpCaller.ATTRIBUTE);
				return (caller != null) ? McpTransportContext.create(Map.of(McpCaller.ATTRIBUTE, caller))
						: McpTransportContext.EMPTY;
			})
			.build();
	}

	/**
	 * Validates messages in front of the SDK's servlet (after Spring Security, so
	 * unauthenticated calls still get 401).
	 */
	@Bean
	FilterRegistrationBean<McpRequestFilter> mcpRequestFilter(JacksonMcpJsonMapper json) {
		FilterRegistrationBean<McpRequestFilter> registration = new FilterRegistrationBean<>(
				new McpRequestFilter(json.getJsonMapper(), MAX_MESSAGE_BYTES));
		registration.addUrlPatterns("/mcp");
		registration.setName("mcpRequestFilter");
		return registration;
	}

	@Bean(destroyMethod = "close")
	McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, McpToolInvoker invoker,
			JacksonMcpJsonMapper json, ObjectProvider<java.time.Clock> clock) {
		McpPrompts prompts = new McpPrompts(clock.getIfAvailable(java.time.Clock::systemUTC));
		List<McpStatelessServerFeatures.SyncToolSpecification> tools = invoker.catalog()
			.tools()
			.stream()
			.map((tool) -> toolSpecification(tool, invoker, json))
			.toList();
		return McpServer.sync(transport)
			.serverInfo("spotify-mcp-history", "0.1.0")
			.instructions(McpPrompts.INSTRUCTIONS)
			.capabilities(McpSchema.ServerCapabilities.builder().tools(false).prompts(false).completions().build())
			.jsonMapper(json)
			.validateToolInputs(false)
			.requestTimeout(Duration.ofSeconds(30))
			.tools(tools)
			.prompts(prompts.prompts())
			.completions(prompts.completions())
			.build();
	}

	@Bean
	ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
			HttpServletStatelessServerTransport transport) {
		ServletRegistrationBean<HttpServletStatelessServerTransport> registration = new ServletRegistrationBean<>(
				transport, "/mcp");
		registration.setName("mcp");
		registration.setLoadOnStartup(1);
		return registration;
	}

	private static McpStatelessServerFeatures.SyncToolSpecification toolSpecification(McpTool tool,
			McpToolInvoker invoker, JacksonMcpJsonMapper json) {
		McpSchema.Tool definition = McpSchema.Tool.builder()
			.name(tool.mcpName())
			.title(tool.title())
			.description(tool.description())
			.inputSchema(tool.inputSchema())
			.outputSchema(JsonSchemas.forRecord(tool.outputType()))
			.annotations(tool.readOnly() ? new McpSchema.ToolAnnotations(null, true, false, true, false, null)
					// writes a new playlist to the listener's Spotify: not read-only, not
					// destructive (nothing existing changes), not idempotent, open world
					: new McpSchema.ToolAnnotations(null, false, false, false, true, null))
			.build();
		return McpStatelessServerFeatures.SyncToolSpecification.builder()
			.tool(definition)
			.callHandler((context, request) -> {
				McpCaller caller = (McpCaller) context.get(McpCaller.ATTRIBUTE);
				if (caller == null) {
					return McpSchema.CallToolResult.builder().addTextContent("not authenticated").isError(true).build();
				}
				McpToolInvoker.ToolOutcome outcome = invoker.invoke(caller, request.name(), request.arguments());
				if (outcome.error()) {
					return McpSchema.CallToolResult.builder().addTextContent(outcome.text()).isError(true).build();
				}
				// Hosts that show only text content get the summary and then the whole
				// result, written by the mapper that writes structuredContent.
				return McpSchema.CallToolResult.builder()
					.structuredContent(outcome.structured())
					.addTextContent(outcome.text())
					.addTextContent(json.getJsonMapper().writeValueAsString(outcome.structured()))
					.isError(false)
					.build();
			})
			.build();
	}

}
