package org.spotifymcp.shared.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.spotifymcp.shared.jobs.JobRun;
import org.spotifymcp.shared.jobs.JobRunRepository;
import org.spotifymcp.shared.jobs.JobRunStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists collector job runs, newest first, by user, type and status.
 */
public class JobRunSearch {

	private final JdbcTemplate jdbc;

	private final JobRunRepository jobRuns;

	public JobRunSearch(JdbcTemplate jdbc, JobRunRepository jobRuns) {
		this.jdbc = jdbc;
		this.jobRuns = jobRuns;
	}

	@Transactional(readOnly = true)
	public PageOf<JobRun> search(JobRunFilter filter, PageRequest page) {
		SqlConditions conditions = new SqlConditions().addIfPresent(filter.userId(), "user_id = ?")
			.addIfPresent(filter.jobType(), "job_type = ?")
			.addIfPresent((filter.status() != null) ? filter.status().name().toLowerCase(java.util.Locale.ROOT) : null,
					"status = ?");
		Long total = this.jdbc.queryForObject("select count(*) from job_runs" + conditions.where(), Long.class,
				conditions.values());
		List<Long> ids = this.jdbc.queryForList(
				"select id from job_runs" + conditions.where() + " order by started_at desc, id desc limit ? offset ?",
				Long.class, conditions.values(page.size(), page.offset()));
		Map<Long, JobRun> byId = this.jobRuns.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(JobRun::getId, Function.identity()));
		return new PageOf<>(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), page.page(), page.size(),
				(total != null) ? total : 0);
	}

	/**
	 * The job types seen so far, for filter menus.
	 * @return type names, sorted
	 */
	public List<String> jobTypes() {
		return this.jdbc.queryForList("select distinct job_type from job_runs order by 1", String.class);
	}

	/**
	 * Which job runs to list; every part is optional.
	 *
	 * @param userId runs for this user
	 * @param jobType runs of this type (such as {@code poll}, {@code initial_sync})
	 * @param status runs in this state
	 */
	public record JobRunFilter(Integer userId, String jobType, JobRunStatus status) {

		public static JobRunFilter parse(String userId, String jobType, String status) {
			return new JobRunFilter(Filters.positiveId("user_id", userId), Filters.text(jobType),
					Filters.enumValue("status", status, JobRunStatus.class));
		}

	}

}
