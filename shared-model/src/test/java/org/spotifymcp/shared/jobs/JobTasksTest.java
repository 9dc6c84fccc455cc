package org.spotifymcp.shared.jobs;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task names are stored in {@code scheduled_tasks} of running deployments, so the typed
 * descriptors keep exactly the names the string constants had.
 */
class JobTasksTest {

	@Test
	void theDescriptorsKeepTheStoredTaskNames() {
		assertThat(JobTasks.IMPORT_EXPORT.getTaskName()).isEqualTo("import-export");
		assertThat(JobTasks.INITIAL_SYNC.getTaskName()).isEqualTo("initial-sync");
		assertThat(JobTasks.POLL_USER.getTaskName()).isEqualTo("poll-user");
	}

	@Test
	void anInstanceCarriesItsKindsPriority() {
		TaskInstance<Void> poll = JobTasks.instance(JobTasks.POLL_USER, "7");
		TaskInstance<Void> sync = JobTasks.instance(JobTasks.INITIAL_SYNC, "7");
		TaskInstance<Void> imports = JobTasks.instance(JobTasks.IMPORT_EXPORT, "12");
		assertThat(poll.getTaskName()).isEqualTo("poll-user");
		assertThat(poll.getId()).isEqualTo("7");
		assertThat(poll.getPriority()).isLessThan(sync.getPriority()).isLessThan(imports.getPriority());
	}

}
