-- Plays counted right: a listen counts as a play when it lasted at least play_count_rule.min_ms
-- (Spotify's stream rule: 30 s) or reached the end of a shorter track (ms_played at least the
-- track's duration minus end_tolerance_ms). Every listen stays in plays; the rollups count only
-- counted plays, and skipped listens go to play_month_skips. The functions that apply the rule
-- live in R__rollups.sql, which also rebuilds every rollup from plays when it changes.
--
-- The threshold is a setting (PLAY_MIN_MS), but the rule is applied inside the database by the
-- rollup triggers and by the API's reads of raw plays, so it must be readable from SQL: this
-- one-row table holds it. The collector writes it at startup and rebuilds the rollups when it
-- changed; a table (not a session setting or a function argument) is seen by every writer,
-- trigger and reader alike, in the same snapshot as the plays.
CREATE TABLE play_count_rule (
    singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    min_ms           integer     NOT NULL CHECK (min_ms >= 0),
    end_tolerance_ms integer     NOT NULL CHECK (end_tolerance_ms >= 0),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO play_count_rule (min_ms, end_tolerance_ms) VALUES (30000, 2000);

-- Skipped listens (not counted as plays) per user, UTC month and track: skip rates per track
-- and artist. ms_played is the time those listens lasted. Like the V3 rollups it has no foreign
-- key; a deleted user's rows go in delete_plays_of_deleted_user().
CREATE TABLE play_month_skips (
    user_id   integer NOT NULL,
    month     integer NOT NULL, -- months since 1970-01 (UTC)
    track_id  integer NOT NULL,
    skips     integer NOT NULL,
    ms_played bigint  NOT NULL,
    PRIMARY KEY (user_id, month, track_id)
);

-- The same per artist key (lower(name), as play_month_artists): skip rates of artists without
-- joining every skipped track with its artists on each question.
CREATE TABLE play_month_artist_skips (
    user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month      integer NOT NULL,
    artist_key text    NOT NULL,
    skips      integer NOT NULL,
    ms_played  bigint  NOT NULL,
    PRIMARY KEY (user_id, month, artist_key)
);

-- The API caches whole months of them like the other month rollups (V10's revisions).
CREATE TRIGGER play_month_skips_revision_insert AFTER INSERT ON play_month_skips
    REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions('month');
CREATE TRIGGER play_month_skips_revision_update AFTER UPDATE ON play_month_skips
    REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions('month');
CREATE TRIGGER play_month_skips_revision_delete AFTER DELETE ON play_month_skips
    REFERENCING OLD TABLE AS changed_before FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions('month');
CREATE TRIGGER play_month_skips_revision_truncate AFTER TRUNCATE ON play_month_skips
    FOR EACH STATEMENT EXECUTE FUNCTION forget_history_revisions();
CREATE TRIGGER play_month_artist_skips_revision_insert AFTER INSERT ON play_month_artist_skips
    REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions('month');
CREATE TRIGGER play_month_artist_skips_revision_update AFTER UPDATE ON play_month_artist_skips
    REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions('month');
CREATE TRIGGER play_month_artist_skips_revision_delete AFTER DELETE ON play_month_artist_skips
    REFERENCING OLD TABLE AS changed_before FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions('month');
CREATE TRIGGER play_month_artist_skips_revision_truncate AFTER TRUNCATE ON play_month_artist_skips
    FOR EACH STATEMENT EXECUTE FUNCTION forget_history_revisions();
