package org.spotifymcp.shared.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.testing.SharedModelTestApplication;
import org.spotifymcp.shared.testing.TestDatabase;
import org.spotifymcp.shared.testing.WebhookReceiver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SharedModelTestApplication.class)
class AlertNotifierTest {

	private static final WebhookReceiver webhook = WebhookReceiver.start();

	private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

	private static final AlertProperties DEFAULTS = new AlertProperties(3, 3, Duration.ofHours(1),
			Duration.ofMinutes(1), Duration.ofSeconds(5));

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AlertNotifier configured;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void reset() {
		this.jdbc.update("delete from alert_throttle");
		webhook.clear();
	}

	@AfterAll
	static void stopWebhook() {
		webhook.close();
	}

	@Test
	void anAlertIsPostedAsSlackAndDiscordCompatibleJson() {
		assertThat(notifier(NOON).importFailed(42, 7, "ZIP entry endsong_0.json is not JSON")).isTrue();

		assertThat(webhook.bodies()).hasSize(1);
		JsonNode body = JsonMapper.builder().build().readTree(webhook.bodies().get(0));
		String expected = "[Import failed] Import job 42 of user 7 failed: ZIP entry endsong_0.json is not JSON";
		assertThat(body.get("text").asString()).isEqualTo(expected);
		assertThat(body.get("content").asString()).isEqualTo(expected);
		assertThat(body.get("kind").asString()).isEqualTo("import_failure");
		assertThat(this.meters.counter("spotifymcp.alerts", "kind", "import_failure", "outcome", "sent").count())
			.isEqualTo(1.0);
	}

	@Test
	void oneAlertPerKindAndHourAcrossInstances() {
		AlertNotifier first = notifier(NOON);
		AlertNotifier second = notifier(NOON.plus(Duration.ofMinutes(10)));

		assertThat(first.tokenRevoked(1, "alice")).isTrue();
		assertThat(second.tokenRevoked(2, "bob")).as("another instance, same kind, 10 min later").isFalse();
		assertThat(second.tokenRevoked(3, "carol")).isFalse();
		assertThat(second.collectorSilent(Duration.ofMinutes(30), 2, NOON)).as("another kind").isTrue();
		assertThat(webhook.bodies()).hasSize(2);
		assertThat(this.jdbc.queryForObject("select suppressed from alert_throttle where kind = 'token_revocation'",
				Integer.class))
			.isEqualTo(2);

		AlertNotifier anHourLater = notifier(NOON.plus(Duration.ofMinutes(61)));
		assertThat(anHourLater.tokenRevoked(4, "dave")).isTrue();
		assertThat(webhook.bodies()).hasSize(3);
		assertThat(webhook.bodies().get(2)).contains("user 4 (dave)")
			.contains("2 more alerts of this kind held back since the last one");
	}

	@Test
	void aFailedWebhookCallLetsTheNextAlertThrough() {
		webhook.answerWith(500);
		AlertNotifier notifier = notifier(NOON);
		assertThat(notifier.jobFailureStreak(List.of(new AlertNotifier.FailureStreak("poll", 3, 3, "HTTP 502"))))
			.isFalse();
		webhook.answerWith(200);
		assertThat(notifier.jobFailureStreak(List.of(new AlertNotifier.FailureStreak("poll", 3, 4, "HTTP 502"))))
			.isTrue();
		assertThat(webhook.bodies()).hasSize(2);
		assertThat(webhook.bodies().get(1)).contains("- poll for user 3: 4 failures in a row, last: HTTP 502");
		assertThat(this.meters.counter("spotifymcp.alerts", "kind", "job_failure_streak", "outcome", "failed").count())
			.isEqualTo(1.0);
	}

	@Test
	void withoutAWebhookAlertsAreOnlyLoggedStillThrottled() {
		assertThat(this.configured).isNotNull();
		AlertNotifier withoutWebhook = new AlertNotifier(this.jdbc, "", DEFAULTS, Clock.fixed(NOON, ZoneOffset.UTC),
				"test", this.meters);
		assertThat(withoutWebhook.notify(AlertKind.IMPORT_FAILURE, "disk full")).isTrue();
		assertThat(withoutWebhook.notify(AlertKind.IMPORT_FAILURE, "disk full")).isFalse();
		assertThat(webhook.bodies()).isEmpty();
		assertThat(this.meters.counter("spotifymcp.alerts", "kind", "import_failure", "outcome", "logged").count())
			.isEqualTo(1.0);
	}

	@Test
	void anUnreachableWebhookDoesNotThrow() {
		AlertNotifier unreachable = new AlertNotifier(this.jdbc, "http://127.0.0.1:9/hook", DEFAULTS,
				Clock.fixed(NOON, ZoneOffset.UTC), "test", this.meters);
		assertThat(unreachable.notify(AlertKind.COLLECTOR_SILENT, "nobody home")).isFalse();
	}

	private AlertNotifier notifier(Instant now) {
		return new AlertNotifier(this.jdbc, webhook.url(), DEFAULTS, Clock.fixed(now, ZoneOffset.UTC), "test",
				this.meters);
	}

}
