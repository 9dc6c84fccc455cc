package org.spotifymcp.collector.polling;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.spotifymcp.shared.testing.WebhookReceiver;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hand-driven collector tests that also read the alerts the collector sends: the alert
 * webhook points at a local receiver. Subclasses share one context.
 */
public abstract class AlertedCollectorTest extends HandDrivenCollectorTest {

	protected static final WebhookReceiver webhook = WebhookReceiver.start();

	@DynamicPropertySource
	static void alertWebhook(DynamicPropertyRegistry registry) {
		registry.add("app.ops.alert-webhook-url", webhook::url);
	}

	@BeforeEach
	void noAlertsYet() {
		webhook.clear();
		this.jdbc.update("DELETE FROM alert_throttle");
	}

	/** Alert messages of one kind received so far. */
	protected static List<String> alerts(String kind) {
		return webhook.bodies().stream().filter((body) -> body.contains("\"kind\":\"" + kind + "\"")).toList();
	}

}
