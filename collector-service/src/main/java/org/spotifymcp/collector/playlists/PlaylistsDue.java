package org.spotifymcp.collector.playlists;

import java.util.ArrayList;
import java.util.List;

import org.spotifymcp.shared.jobs.JobQueue;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.playlists.PlaylistLedger;
import org.spotifymcp.shared.playlists.PlaylistPreferences;

/**
 * The periodic check behind the playlist schedule: queues
 * {@link JobTasks#UPDATE_PLAYLISTS} for every listener with a kind due in their own time
 * zone. It runs as one recurring task of the cluster, so however many collectors run,
 * each listener is queued once; listeners whose login cannot write playlists are left
 * alone until they reconnect.
 */
public class PlaylistsDue {

	public static final String TASK_NAME = "playlists-due";

	private final PlaylistLedger ledger;

	private final PlaylistPreferences preferences;

	private final TopHitsPlaylists playlists;

	private final JobQueue queue;

	public PlaylistsDue(PlaylistLedger ledger, PlaylistPreferences preferences, TopHitsPlaylists playlists,
			JobQueue queue) {
		this.ledger = ledger;
		this.preferences = preferences;
		this.playlists = playlists;
		this.queue = queue;
	}

	/**
	 * Queues the listeners with due playlists.
	 * @return their user ids
	 */
	public List<Integer> queueDue() {
		List<Integer> queued = new ArrayList<>();
		for (PlaylistLedger.Settings settings : this.ledger.listenersWithPlaylists()) {
			if (!this.playlists.dueKinds(settings).isEmpty() && this.preferences.canWritePlaylists(settings.userId())) {
				this.queue.runSoon(JobTasks.UPDATE_PLAYLISTS, String.valueOf(settings.userId()));
				queued.add(settings.userId());
			}
		}
		return queued;
	}

}
