package org.spotifymcp.shared.alerts;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alerting ({@code ALERT_*} variables; the webhook itself is {@code ALERT_WEBHOOK_URL} in
 * {@code app.ops}).
 *
 * @param failureStreak failed runs in a row of one job (per user) that raise an alert
 * @param silentIntervals polling intervals without any finished job that make the
 * collector count as silent
 * @param throttle the least time between two alerts of one kind
 * @param watchdogInterval how often the collector's watchdog looks at {@code job_runs}
 * @param webhookTimeout how long a webhook call may take
 */
@Validated
@ConfigurationProperties("app.alerts")
public record AlertProperties(@DefaultValue("3") @Min(2) @Max(1000) int failureStreak,
		@DefaultValue("3") @Min(2) @Max(100) int silentIntervals, @DefaultValue("1h") @NotNull Duration throttle,
		@DefaultValue("1m") @NotNull Duration watchdogInterval, @DefaultValue("10s") @NotNull Duration webhookTimeout) {

}
