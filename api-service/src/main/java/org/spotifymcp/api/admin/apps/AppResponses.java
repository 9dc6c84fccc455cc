package org.spotifymcp.api.admin.apps;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.spotifymcp.shared.apps.SpotifyAppInvites;
import org.spotifymcp.shared.apps.SpotifyApps;

/**
 * The JSON of the Spotify app and invite endpoints, snake_case. No record here has a
 * field for a client secret or an invite's stored hash.
 */
final class AppResponses {

	private AppResponses() {
	}

	/**
	 * An app.
	 *
	 * @param id the app's id
	 * @param label what the admin calls it
	 * @param clientId Spotify's client id
	 * @param createdAt when it was added
	 * @param secretRotatedAt when its secret was last replaced
	 * @param users users attached
	 * @param connectedUsers attached users holding a Spotify token (count against the
	 * cap)
	 * @param userCap Spotify's development-mode cap
	 * @param pausedUntil end of a running quota pause
	 */
	record AppView(long id, String label, @JsonProperty("client_id") String clientId,
			@JsonProperty("created_at") Instant createdAt,
			@JsonProperty("secret_rotated_at") @JsonInclude(JsonInclude.Include.ALWAYS) Instant secretRotatedAt,
			int users, @JsonProperty("connected_users") int connectedUsers, @JsonProperty("user_cap") int userCap,
			@JsonProperty("paused_until") @JsonInclude(JsonInclude.Include.ALWAYS) Instant pausedUntil) {

		static AppView of(SpotifyApps.AppView app) {
			return new AppView(app.id(), app.label(), app.clientId(), app.createdAt(), app.secretRotatedAt(),
					app.users(), app.connectedUsers(), SpotifyApps.DEVELOPMENT_MODE_USERS, app.pausedUntil());
		}

	}

	/**
	 * A user attached to an app.
	 *
	 * @param id the user's id
	 * @param name display name or Spotify id
	 * @param connected whether they hold a Spotify token
	 */
	record AttachedUser(long id, String name, boolean connected) {

		static AttachedUser of(SpotifyApps.AttachedUser user) {
			return new AttachedUser(user.id(), user.name(), user.connected());
		}

	}

	/**
	 * The outcome of attaching or detaching one user.
	 *
	 * @param userId the user
	 * @param appId the app now, {@code null} for the default app
	 * @param reconnectRequired whether the user must connect again (their token came from
	 * another app)
	 */
	record Attachment(@JsonProperty("user_id") long userId,
			@JsonProperty("app_id") @JsonInclude(JsonInclude.Include.ALWAYS) Integer appId,
			@JsonProperty("reconnect_required") boolean reconnectRequired) {

		static Attachment of(SpotifyApps.Attachment attachment) {
			return new Attachment(attachment.userId(), attachment.appId(), attachment.reconnectRequired());
		}

	}

	/**
	 * An invite, without its token.
	 *
	 * @param id the invite's id
	 * @param appId its app, {@code null} for the default app
	 * @param appLabel that app's label
	 * @param note whom it is for
	 * @param status open, used, expired or revoked
	 * @param createdAt when it was made
	 * @param expiresAt when it stops working
	 * @param usedAt when a login used it
	 * @param usedByUserId the user that login connected
	 * @param revokedAt when it was withdrawn
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record InviteView(long id, @JsonProperty("app_id") Integer appId, @JsonProperty("app_label") String appLabel,
			String note, String status, @JsonProperty("created_at") Instant createdAt,
			@JsonProperty("expires_at") Instant expiresAt, @JsonProperty("used_at") Instant usedAt,
			@JsonProperty("used_by_user_id") Integer usedByUserId, @JsonProperty("revoked_at") Instant revokedAt) {

		static InviteView of(SpotifyAppInvites.InviteView invite) {
			return new InviteView(invite.id(), invite.appId(), invite.appLabel(), invite.note(), invite.state().value(),
					invite.createdAt(), invite.expiresAt(), invite.usedAt(), invite.usedByUserId(), invite.revokedAt());
		}

	}

	/**
	 * A new invite with its link, shown this once.
	 *
	 * @param invite the invite
	 * @param token the secret part of the link
	 * @param url the link to send the listener
	 */
	record CreatedInvite(InviteView invite, String token, String url) {

	}

}
