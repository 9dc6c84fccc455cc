package org.spotifymcp.shared.config;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-cutting operational settings: {@code LOG_RETENTION_DAYS}, {@code RATE_LIMIT_*},
 * {@code CORS_ALLOWED_ORIGINS}, {@code API_BASE_URL}, {@code FRONTEND_AUTH_MODE},
 * {@code ALERT_WEBHOOK_URL}.
 *
 * @param logRetentionDays days the {@code logs} table keeps rows
 * @param rateLimitAuthPerMinute requests per minute and client IP on {@code /auth/*}
 * @param rateLimitMcpPerMinute MCP calls per minute and token
 * @param corsAllowedOrigins origins allowed to call the API from a browser
 * @param apiBaseUrl the public base URL of the API service
 * @param frontendAuthMode how people log in to the admin UI
 * @param alertWebhookUrl optional Slack/Discord-compatible webhook for alerts
 */
@Validated
@ConfigurationProperties("app.ops")
public record OperationsProperties(@Min(1) @Max(3650) int logRetentionDays,
		@Min(1) @Max(100000) int rateLimitAuthPerMinute, @Min(1) @Max(100000) int rateLimitMcpPerMinute,
		List<String> corsAllowedOrigins, String apiBaseUrl, AdminProperties.AuthMode frontendAuthMode,
		String alertWebhookUrl) {

	public OperationsProperties {
		corsAllowedOrigins = (corsAllowedOrigins == null) ? List.of()
				: corsAllowedOrigins.stream().map(String::trim).filter((o) -> !o.isEmpty()).toList();
	}

}
