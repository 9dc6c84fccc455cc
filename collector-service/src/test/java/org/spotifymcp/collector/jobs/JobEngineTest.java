package org.spotifymcp.collector.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.junit.jupiter.api.Test;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Work queued through {@link JobQueue} (as the API and UI do) is claimed and run by the
 * collector's job engine within seconds, once per queued instance.
 */
@SpringBootTest
class JobEngineTest {

	static final List<String> executed = new CopyOnWriteArrayList<>();

	static final TaskDescriptor<Void> PROBE = TaskDescriptor.of("probe");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.jobs.polling-interval", () -> "500ms");
	}

	@TestConfiguration
	static class ProbeTask {

		@Bean
		Task<Void> probe() {
			return Tasks.oneTime(PROBE).execute((instance, context) -> executed.add(instance.getId()));
		}

	}

	@Autowired
	JobQueue queue;

	@Test
	void queuedWorkRunsWithinSecondsAndOnlyOnce() {
		this.queue.runSoon(PROBE, "user-1");
		this.queue.runSoon(PROBE, "user-1");
		this.queue.runSoon(PROBE, "user-2");
		await().atMost(Duration.ofSeconds(10)).until(() -> executed.size() >= 2);
		assertThat(executed).containsExactlyInAnyOrder("user-1", "user-2");
	}

}
