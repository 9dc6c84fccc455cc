-- Top-hits playlists kept in the listener's own Spotify account (docs/playlists.md).
--
-- playlist_settings: which kinds a listener wants and how many tracks each holds. Turning a kind
-- on is the listener's (or an admin's) choice; turning it off by itself is the ledger's, after a
-- playlist was deleted in Spotify twice. update_requested_at is "update now": kinds not updated
-- since then are due regardless of their schedule.
CREATE TABLE playlist_settings (
    user_id             integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    weekly              boolean     NOT NULL DEFAULT false,
    monthly             boolean     NOT NULL DEFAULT false,
    yearly              boolean     NOT NULL DEFAULT false,
    on_repeat           boolean     NOT NULL DEFAULT false,
    size                integer     NOT NULL DEFAULT 50 CHECK (size BETWEEN 1 AND 50),
    update_requested_at timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- playlist_ledger: which Spotify playlist is which kind of which listener. A playlist the
-- listener deleted is recreated once (recreated_count 1); deleted again, the kind is turned off
-- and disabled_reason says why until the kind is turned on again. last_message is the latest
-- problem of a run that did not turn the kind off (e.g. a missing scope), cleared by a good run.
CREATE TABLE playlist_ledger (
    user_id             integer     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind                text        NOT NULL CHECK (kind IN ('weekly', 'monthly', 'yearly', 'on_repeat')),
    spotify_playlist_id text,
    created_at          timestamptz,
    last_updated_at     timestamptz,
    track_count         integer,
    recreated_count     integer     NOT NULL DEFAULT 0,
    disabled_reason     text,
    disabled_at         timestamptz,
    last_message        text,
    PRIMARY KEY (user_id, kind)
);
