package org.spotifymcp.collector.playlists;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spotifymcp.collector.polling.HandDrivenCollectorTest;
import org.spotifymcp.collector.polling.UserPoller;
import org.spotifymcp.emulator.EmulatedPlaylist;
import org.spotifymcp.emulator.EmulatorSettings;
import org.spotifymcp.emulator.FakeUser;
import org.spotifymcp.emulator.IssuedTokens;
import org.spotifymcp.emulator.SpotifyEmulator;
import org.spotifymcp.shared.admin.ActionRefusedException;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.WindowRequest;
import org.spotifymcp.shared.jobs.JobTasks;
import org.spotifymcp.shared.playlists.PlaylistKind;
import org.spotifymcp.shared.playlists.PlaylistPreferences;
import org.spotifymcp.shared.playlists.PlaylistSchedule;
import org.spotifymcp.shared.playlists.PlaylistState;
import org.spotifymcp.shared.playlists.PlaylistStatus;
import org.spotifymcp.shared.testing.RollupChecks;
import org.spotifymcp.shared.users.User;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Top-hits playlists against the emulator with 2026 playlist rules and a real database:
 * created once and then updated in place, a playlist the listener deleted recreated once
 * and then turned off with a message, nothing sent for a login without the playlist
 * scope, and the due check in a listener's own zone.
 */
class TopHitsPlaylistsTest extends HandDrivenCollectorTest {

	private static final String WRITE_SCOPE = SpotifyEmulator.DEFAULT_SCOPE + " playlist-modify-private";

	@Autowired
	TopHitsPlaylists playlists;

	@Autowired
	PlaylistPreferences preferences;

	@Autowired
	PlaylistsDue due;

	@Autowired
	HistoryAnalytics history;

	@Autowired
	UserPoller poller;

	@Test
	void aPlaylistIsCreatedOnceAndThenUpdatedInPlace() {
		int user = connect("pl-create", WRITE_SCOPE, "UTC");
		listenAndCollect(user, "pl-create", 6);
		PlaylistStatus status = this.preferences.change(user, List.of("on_repeat"), 4);
		assertThat(status.reconnectRequired()).isFalse();
		assertThat(queued(user)).as("turning a kind on queues a run").isTrue();

		List<PlaylistRun> first = this.playlists.update(user);

		assertThat(first).singleElement().satisfies((run) -> {
			assertThat(run.kind()).isEqualTo(PlaylistKind.ON_REPEAT);
			assertThat(run.outcome()).isEqualTo(PlaylistRun.Outcome.CREATED);
			assertThat(run.tracks()).isEqualTo(4);
		});
		String id = first.get(0).spotifyPlaylistId();
		EmulatedPlaylist created = emulator.playlist(id).orElseThrow();
		assertThat(created.owner()).isEqualTo("pl-create");
		assertThat(created.name()).isEqualTo("On repeat");
		assertThat(created.isPublic()).isFalse();
		assertThat(created.trackIds()).isEqualTo(expected(user, 4));
		assertThat(this.playlists.update(user)).as("nothing is due right after a run").isEmpty();

		// more listening changes the order; "update now" replaces the items of the same
		// playlist
		emulator.advance(Duration.ofMinutes(30));
		listenAndCollect(user, "pl-create", 2);
		emulator.advance(Duration.ofMinutes(1));
		this.preferences.updateNow(user);
		List<PlaylistRun> second = this.playlists.update(user);

		assertThat(second).singleElement().satisfies((run) -> {
			assertThat(run.outcome()).isEqualTo(PlaylistRun.Outcome.UPDATED);
			assertThat(run.spotifyPlaylistId()).isEqualTo(id);
		});
		EmulatedPlaylist updated = emulator.playlist(id).orElseThrow();
		assertThat(updated.trackIds()).isEqualTo(expected(user, 4)).isNotEqualTo(created.trackIds());
		assertThat(updated.snapshot()).isGreaterThan(created.snapshot());
		assertThat(emulator.playlistsOwnedBy("pl-create")).hasSize(1);
		PlaylistState state = this.preferences.status(user).kinds().get(3);
		assertThat(state.spotifyPlaylistId()).isEqualTo(id);
		assertThat(state.url()).isEqualTo("https://open.spotify.com/playlist/" + id);
		assertThat(state.trackCount()).isEqualTo(4);
		assertThat(state.lastUpdatedAt()).isEqualTo(emulator.now());
	}

	@Test
	void aDeletedPlaylistIsRecreatedOnceThenTurnedOffWithAMessage() {
		int user = connect("pl-deleted", WRITE_SCOPE, "UTC");
		listenAndCollect(user, "pl-deleted", 3);
		this.preferences.change(user, List.of("on_repeat"), 50);
		String original = this.playlists.update(user).get(0).spotifyPlaylistId();

		// the listener deletes it in their Spotify app (unfollows it)
		emulator.unfollowPlaylist("pl-deleted", original);
		emulator.advance(Duration.ofMinutes(1));
		this.preferences.updateNow(user);
		List<PlaylistRun> recreated = this.playlists.update(user);
		assertThat(recreated).singleElement().satisfies((run) -> {
			assertThat(run.outcome()).isEqualTo(PlaylistRun.Outcome.RECREATED);
			assertThat(run.spotifyPlaylistId()).isNotEqualTo(original);
		});
		String second = recreated.get(0).spotifyPlaylistId();
		assertThat(emulator.playlist(second).orElseThrow().trackIds()).isEqualTo(expected(user, 50));
		assertThat(this.preferences.status(user).kinds().get(3).recreatedCount()).isOne();

		// and deletes the new one too (this time it is gone altogether: 404)
		emulator.removePlaylist(second);
		emulator.advance(Duration.ofMinutes(1));
		this.preferences.updateNow(user);
		assertThat(this.playlists.update(user)).singleElement()
			.satisfies((run) -> assertThat(run.outcome()).isEqualTo(PlaylistRun.Outcome.DISABLED));

		assertThat(emulator.playlistsOwnedBy("pl-deleted")).extracting(EmulatedPlaylist::id)
			.as("no third playlist")
			.containsExactly(original);
		PlaylistStatus status = this.preferences.status(user);
		PlaylistState state = status.kinds().get(3);
		assertThat(state.enabled()).isFalse();
		assertThat(state.disabledReason()).contains("On repeat").contains("deleted in Spotify again");
		assertThat(status.anyEnabled()).isFalse();
		emulator.advance(Duration.ofMinutes(1));
		assertThat(this.playlists.update(user)).as("a kind that is off is left alone").isEmpty();

		// turned on again by hand: a new playlist, the message gone
		this.preferences.change(user, List.of("on_repeat"), 50);
		assertThat(this.playlists.update(user)).singleElement()
			.satisfies((run) -> assertThat(run.outcome()).isEqualTo(PlaylistRun.Outcome.CREATED));
		PlaylistState again = this.preferences.status(user).kinds().get(3);
		assertThat(again.disabledReason()).isNull();
		assertThat(again.recreatedCount()).isZero();
		assertThat(again.enabled()).isTrue();
	}

	@Test
	void aFillThatFailedIsRetriedOnTheSamePlaylist() {
		int user = connect("pl-refill", WRITE_SCOPE, "UTC");
		listenAndCollect(user, "pl-refill", 3);
		// a track Spotify does not know: the fill is refused (400) after the playlist
		// exists
		int album = this.jdbc.queryForObject(
				"insert into albums (spotify_id, name) values ('album-pl-refill', 'Unknown') returning id",
				Integer.class);
		int unknown = this.jdbc.queryForObject(
				"insert into tracks (spotify_id, name, album_id, duration_ms)"
						+ " values ('ZZZZZZZZZZZZZZZZZZZZZZ', 'Unknown', ?, 200000) returning id",
				Integer.class, album);
		this.jdbc.update(
				"insert into plays (user_id, played_at, track_id, ms_played, source) values (?, ?, ?, 200000, 1)", user,
				Timestamp.from(emulator.now().minus(Duration.ofMinutes(1))), unknown);
		RollupChecks.apply(this.jdbc, user);
		this.preferences.change(user, List.of("on_repeat"), 50);

		assertThat(this.playlists.update(user)).singleElement()
			.satisfies((run) -> assertThat(run.outcome()).isEqualTo(PlaylistRun.Outcome.FAILED));
		List<EmulatedPlaylist> created = emulator.playlistsOwnedBy("pl-refill");
		assertThat(created).singleElement().satisfies((playlist) -> assertThat(playlist.items()).isEmpty());
		assertThat(this.preferences.status(user).kinds().get(3).lastMessage()).contains("client_error");

		this.jdbc.update("delete from plays where user_id = ? and track_id = ?", user, unknown);
		RollupChecks.apply(this.jdbc, user);
		assertThat(this.playlists.update(user)).as("still due without update now").singleElement().satisfies((run) -> {
			assertThat(run.outcome()).isEqualTo(PlaylistRun.Outcome.UPDATED);
			assertThat(run.spotifyPlaylistId()).isEqualTo(created.get(0).id());
		});
		assertThat(emulator.playlistsOwnedBy("pl-refill")).singleElement()
			.satisfies((playlist) -> assertThat(playlist.trackIds()).isEqualTo(expected(user, 50)));
		assertThat(this.preferences.status(user).kinds().get(3).lastMessage()).isNull();
	}

	@Test
	void aLoginWithoutThePlaylistScopeMustReconnectAndNothingIsSent() {
		int user = connect("pl-noscope", SpotifyEmulator.DEFAULT_SCOPE, "UTC");
		listenAndCollect(user, "pl-noscope", 3);
		PlaylistStatus status = this.preferences.change(user, List.of("weekly", "on_repeat"), 10);

		assertThat(status.reconnectRequired()).isTrue();
		assertThat(queued(user)).isFalse();
		assertThatExceptionOfType(ActionRefusedException.class).isThrownBy(() -> this.preferences.updateNow(user))
			.withMessageContaining(PlaylistPreferences.REQUIRED_SCOPE)
			.withMessageContaining(PlaylistPreferences.RECONNECT_PATH);
		assertThat(this.due.queueDue()).doesNotContain(user);
		long calls = emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID);

		List<PlaylistRun> runs = this.playlists.update(user);

		assertThat(runs).hasSize(2)
			.allSatisfy((run) -> assertThat(run.outcome()).isEqualTo(PlaylistRun.Outcome.RECONNECT_REQUIRED));
		assertThat(emulator.apiCalls(EmulatorSettings.DEMO_CLIENT_ID)).isEqualTo(calls);
		assertThat(emulator.playlistsOwnedBy("pl-noscope")).isEmpty();
		assertThat(this.preferences.status(user).kinds().get(0).lastMessage()).contains("reconnect");

		// a listener who never turns the feature on is not asked to reconnect
		int other = connect("pl-never", SpotifyEmulator.DEFAULT_SCOPE, "UTC");
		assertThat(this.preferences.status(other).reconnectRequired()).isFalse();
	}

	@Test
	void theDueCheckCountsInTheListenersZone() {
		ZoneId zone = ZoneId.of("America/Los_Angeles");
		int user = connect("pl-zone", WRITE_SCOPE, zone.getId());
		this.preferences.change(user, List.of("weekly"), 10);
		Instant boundary = PlaylistSchedule.lastBoundary(PlaylistKind.WEEKLY, emulator.now(), zone);
		assertThat(boundary.atZone(zone).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
		assertThat(boundary.atZone(zone).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);

		fakeLastRun(user, "weekly", boundary.plusSeconds(60));
		assertThat(this.due.queueDue()).doesNotContain(user);
		fakeLastRun(user, "weekly", boundary.minusSeconds(60));
		assertThat(this.due.queueDue()).contains(user);
		assertThat(queued(user)).isTrue();
	}

	private void fakeLastRun(int user, String kind, Instant at) {
		this.jdbc.update("delete from scheduled_tasks where task_name = ?", JobTasks.UPDATE_PLAYLISTS.getTaskName());
		this.jdbc.update("update playlist_settings set update_requested_at = null where user_id = ?", user);
		this.jdbc.update(
				"insert into playlist_ledger (user_id, kind, spotify_playlist_id, created_at, last_updated_at)"
						+ " values (?, ?, '0000000000000000000000', ?, ?) on conflict (user_id, kind) do update set"
						+ " last_updated_at = excluded.last_updated_at",
				user, kind, Timestamp.from(at), Timestamp.from(at));
	}

	private int connect(String spotifyId, String scope, String zone) {
		emulator.addUser(FakeUser.scriptedOnly(spotifyId, spotifyId));
		User user = this.users.save(new User(spotifyId, spotifyId, zone));
		IssuedTokens issued = emulator.issueTokens(spotifyId, EmulatorSettings.DEMO_CLIENT_ID, scope);
		this.tokens.saveLogin(user.getId(), issued.accessToken(), issued.refreshToken(),
				emulator.now().plus(issued.expiresIn()), issued.scope());
		return user.getId();
	}

	/** Plays on Spotify, collected by a real poll. */
	private void listenAndCollect(int user, String spotifyId, int count) {
		this.listeners.listen(spotifyId, emulator.now().minus(Duration.ofMinutes(3L * count + 1)), count,
				Duration.ofMinutes(3));
		assertThat(this.poller.poll(user, "test", () -> false).stops()).isFalse();
		assertThat(this.listeners.collected(user)).isEqualTo(this.listeners.truth(spotifyId));
	}

	/** The history store's top tracks of the last 30 days: the one source of truth. */
	private List<String> expected(int user, int size) {
		return this.history
			.topTracks(user, WindowRequest.lastDays(PlaylistSchedule.ON_REPEAT_DAYS).withTimeZone("UTC"), size)
			.tracks()
			.stream()
			.map((track) -> track.spotifyId())
			.toList();
	}

	private boolean queued(int user) {
		return this.jdbc.queryForObject(
				"select count(*) from scheduled_tasks where task_name = ? and task_instance = ?", Integer.class,
				JobTasks.UPDATE_PLAYLISTS.getTaskName(), String.valueOf(user)) > 0;
	}

}
