package org.spotifymcp.collector.playlists;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.HistoryMemory;
import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.playlists.PlaylistLedger;
import org.spotifymcp.shared.playlists.PlaylistPreferences;
import org.spotifymcp.shared.spotify.SpotifyClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Top-hits playlists on the job engine: a recurring check queues listeners whose
 * playlists are due (weekly ones from Monday 00:00, monthly ones from the 1st, yearly
 * ones from January 1st, in each listener's zone), and a one-time task per listener
 * writes them; "update now" queues the same task.
 */
@Configuration(proxyBeanMethods = false)
public class PlaylistsConfiguration {

	/**
	 * How often the schedule is checked: a playlist is refreshed within this long after
	 * its boundary (00:00 to 00:10 local time).
	 */
	static final Duration CHECK_INTERVAL = Duration.ofMinutes(10);

	static final long HISTORY_CACHE_BYTES = 8L << 20;

	/**
	 * The history store's counting for the playlists' selection, with a small cache: the
	 * collector reads history only for these rare runs, so an eighth of its heap (the
	 * readers' budget) would be wasted.
	 */
	@Bean
	HistoryAnalytics historyAnalytics(DataSource dataSource, Clock clock, PlatformTransactionManager transactions) {
		return new HistoryAnalytics(new NamedParameterJdbcTemplate(dataSource), clock,
				new TransactionTemplate(transactions), new HistoryMemory(HISTORY_CACHE_BYTES));
	}

	@Bean
	TopHitsPlaylists topHitsPlaylists(HistoryAnalytics history, SpotifyClient spotify, PlaylistLedger ledger,
			PlaylistPreferences preferences, JdbcTemplate jdbc, Clock clock) {
		return new TopHitsPlaylists(history, spotify, ledger, preferences, jdbc, clock);
	}

	@Bean
	PlaylistsDue playlistsDue(PlaylistLedger ledger, PlaylistPreferences preferences, TopHitsPlaylists playlists,
			JobQueue queue) {
		return new PlaylistsDue(ledger, preferences, playlists, queue);
	}

	@Bean
	RecurringTask<Void> playlistsDueTask(PlaylistsDue due) {
		return Tasks.recurring(PlaylistsDue.TASK_NAME, Schedules.fixedDelay(CHECK_INTERVAL))
			.execute((instance, context) -> due.queueDue());
	}

	/**
	 * Writes one listener's due playlists (instance id = user id). A failure leaves the
	 * kinds due, so the next check queues them again.
	 */
	@Bean
	OneTimeTask<Void> updatePlaylistsTask(TopHitsPlaylists playlists) {
		return Tasks.oneTime(JobTasks.UPDATE_PLAYLISTS)
			.execute((instance, context) -> playlists.update(Integer.parseInt(instance.getId())));
	}

}
