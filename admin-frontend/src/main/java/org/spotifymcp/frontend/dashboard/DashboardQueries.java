package org.spotifymcp.frontend.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.spotifymcp.frontend.web.Formats;
import org.spotifymcp.shared.config.CollectorProperties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboard's numbers: totals, today's plays, and signs of collector life.
 */
@Component
class DashboardQueries {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final CollectorProperties collector;

	private final Formats formats;

	DashboardQueries(DataSource dataSource, Clock clock, CollectorProperties collector, Formats formats) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
		this.collector = collector;
		this.formats = formats;
	}

	Totals totals() {
		Instant startOfDay = LocalDate.now(this.clock.withZone(ZoneOffset.UTC))
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		// Today's plays per user walk the (user_id, played_at) primary key instead of the
		// whole table.
		return this.jdbc.queryForObject("""
				select (select count(*) from users) as users,
				       (select count(*) from plays) as plays,
				       (select count(*) from tracks) as tracks,
				       (select count(*) from artists) as artists,
				       (select coalesce(sum(today.plays), 0) from users u cross join lateral
				           (select count(*) as plays from plays p where p.user_id = u.id and p.played_at >= ?) today)
				           as plays_today
				""", (rs, row) -> new Totals(rs.getLong("users"), rs.getLong("plays"), rs.getLong("tracks"),
				rs.getLong("artists"), rs.getLong("plays_today")), Timestamp.from(startOfDay));
	}

	/**
	 * The collector has no port of its own to ask; it is alive when it has recently
	 * touched its job rows (job run heartbeats, job engine heartbeats, import progress).
	 */
	ServiceHealth collectorHealth() {
		Timestamp lastSeen = this.jdbc.queryForObject("""
				select greatest((select max(coalesce(heartbeat_at, finished_at, started_at)) from job_runs),
				                (select max(greatest(last_heartbeat, last_success, last_failure)) from scheduled_tasks),
				                (select max(heartbeat_at) from import_jobs))
				""", Timestamp.class);
		Long running = this.jdbc.queryForObject("select count(*) from job_runs where status = 'running'", Long.class);
		if (lastSeen == null) {
			return new ServiceHealth("Collector", "unknown", "no job activity recorded yet");
		}
		Duration expected = Duration.ofSeconds(Math.max(900, 2L * this.collector.intervalSeconds()));
		boolean recent = lastSeen.toInstant().isAfter(this.clock.instant().minus(expected));
		return new ServiceHealth("Collector", recent ? "up" : "quiet",
				"last activity " + this.formats.ago(lastSeen.toInstant()) + ", " + ((running != null) ? running : 0)
						+ " job(s) running");
	}

	/**
	 * Row counts for the dashboard tiles.
	 *
	 * @param users users
	 * @param plays plays
	 * @param tracks tracks
	 * @param artists artists
	 * @param playsToday plays since midnight UTC
	 */
	record Totals(long users, long plays, long tracks, long artists, long playsToday) {

	}

}
