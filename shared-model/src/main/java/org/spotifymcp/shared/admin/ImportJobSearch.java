package org.spotifymcp.shared.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.spotifymcp.shared.imports.ImportJob;
import org.spotifymcp.shared.imports.ImportJobRepository;
import org.spotifymcp.shared.imports.ImportStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists import jobs, newest first, by user and status.
 */
public class ImportJobSearch {

	private final JdbcTemplate jdbc;

	private final ImportJobRepository importJobs;

	public ImportJobSearch(JdbcTemplate jdbc, ImportJobRepository importJobs) {
		this.jdbc = jdbc;
		this.importJobs = importJobs;
	}

	@Transactional(readOnly = true)
	public PageOf<ImportJob> search(ImportJobFilter filter, PageRequest page) {
		SqlConditions conditions = new SqlConditions().addIfPresent(filter.userId(), "user_id = ?")
			.addIfPresent((filter.status() != null) ? filter.status().name().toLowerCase(Locale.ROOT) : null,
					"status = ?");
		if (filter.activeOnly()) {
			conditions.add("status in ('pending', 'running')");
		}
		Long total = this.jdbc.queryForObject("select count(*) from import_jobs" + conditions.where(), Long.class,
				conditions.values());
		List<Long> ids = this.jdbc.queryForList(
				"select id from import_jobs" + conditions.where()
						+ " order by created_at desc, id desc limit ? offset ?",
				Long.class, conditions.values(page.size(), page.offset()));
		Map<Long, ImportJob> byId = this.importJobs.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(ImportJob::getId, Function.identity()));
		return new PageOf<>(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), page.page(), page.size(),
				(total != null) ? total : 0);
	}

	/**
	 * Which import jobs to list; every part is optional.
	 *
	 * @param userId jobs of this user
	 * @param status jobs in this state
	 * @param activeOnly only pending or running jobs
	 */
	public record ImportJobFilter(Integer userId, ImportStatus status, boolean activeOnly) {

		public static ImportJobFilter parse(String userId, String status) {
			return new ImportJobFilter(Filters.positiveId("user_id", userId),
					Filters.enumValue("status", status, ImportStatus.class), false);
		}

		public static ImportJobFilter active() {
			return new ImportJobFilter(null, null, true);
		}

	}

}
