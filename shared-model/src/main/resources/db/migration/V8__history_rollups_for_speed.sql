-- Coarser rollups so that every history tool answers a million-play history in a few tens of
-- milliseconds: V3's per-track rows are nearly as many as the plays themselves (a month holds
-- thousands of different tracks), so per-artist, per-album and per-month totals are kept too.
-- Like V3, statement-level triggers with transition tables keep them exactly in step with every
-- INSERT and DELETE on plays, imports included; the delete trigger sorts after V3's, so V3's
-- rollups are already updated when it runs.
--
-- play_month_totals:  plays and ms per user and UTC month (window totals: whole months + edges).
-- play_month_artists: plays and ms per user, UTC month and artist key. The key is lower(name):
--   analytics merge an artist known by Spotify id and by an export-only id by name; a play of a
--   track with two artists of the same key counts once for that key.
-- user_artist_totals: all-time plays per user and artist key, with the first ever play
--   (all-time tops, discoveries, "new artists").
-- play_month_albums / user_album_totals: the same per album id.
-- play_local_days: plays and ms per user, day in the user's own time zone and source (timelines,
--   coverage and streaks of long windows).
-- Also: trigram indexes for search_history, an index on user_track_totals.first_played_at for
-- discoveries, an index on tracks.album_id for top albums.
--
-- Catalog changes that move existing plays between artists or albums are followed too: a new
-- track_artists link adds the track's plays to the new artist key (the importer and the collector
-- link artists to tracks they have just created, before any play of them exists), and a track that
-- gets an album moves its plays to it. Artist names are never updated by the loaders; a rename
-- would need these rollups rebuilt. Like V3's, milliseconds use a track's duration as known when
-- a play without ms_played arrived.

CREATE TABLE play_month_totals (
    user_id   integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month     integer NOT NULL, -- months since 1970-01 (UTC)
    plays     integer NOT NULL,
    ms_played bigint  NOT NULL,
    PRIMARY KEY (user_id, month)
);

CREATE TABLE play_month_artists (
    user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month      integer NOT NULL,
    artist_key text    NOT NULL,
    plays      integer NOT NULL,
    ms_played  bigint  NOT NULL,
    PRIMARY KEY (user_id, month, artist_key)
);

CREATE TABLE user_artist_totals (
    user_id         integer     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    artist_key      text        NOT NULL,
    plays           integer     NOT NULL,
    ms_played       bigint      NOT NULL,
    first_played_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, artist_key)
);

CREATE TABLE play_month_albums (
    user_id   integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month     integer NOT NULL,
    album_id  integer NOT NULL,
    plays     integer NOT NULL,
    ms_played bigint  NOT NULL,
    PRIMARY KEY (user_id, month, album_id)
);

CREATE TABLE user_album_totals (
    user_id   integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    album_id  integer NOT NULL,
    plays     integer NOT NULL,
    ms_played bigint  NOT NULL,
    PRIMARY KEY (user_id, album_id)
);

-- Plays per day in the user's own time zone (users.time_zone when the plays arrived, as recorded
-- in play_local_day_zones; a change of users.time_zone rebuilds them): daily timelines and
-- coverage of long windows read a few thousand rows instead of every hour. Windows in another zone
-- fall back to play_hour_totals.
CREATE TABLE play_local_day_zones (
    user_id   integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    time_zone text    NOT NULL
);

CREATE TABLE play_local_days (
    user_id   integer  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day       integer  NOT NULL, -- days since 1970-01-01 in play_local_day_zones.time_zone
    source    smallint NOT NULL,
    plays     integer  NOT NULL,
    ms_played bigint   NOT NULL,
    PRIMARY KEY (user_id, day, source)
);

-- The zone to keep a user's local days in: theirs, or UTC when PostgreSQL does not know it (an
-- unknown zone must never make an import fail).
CREATE FUNCTION rollup_time_zone(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    PERFORM now() AT TIME ZONE tz;
    RETURN tz;
EXCEPTION WHEN others THEN
    RETURN 'UTC';
END
$$;

-- Discoveries: tracks first played in a window without reading every track of the user. The
-- first play of a track rarely changes, so this index does not cost the rollup updates their HOT
-- updates.
CREATE INDEX user_track_totals_first_idx ON user_track_totals (user_id, first_played_at);

-- search_history matches track, album and artist names by substring (ILIKE '%text%'): trigram
-- indexes answer that without reading the whole catalog. pg_trgm ships with PostgreSQL and is a
-- trusted extension (the database owner may create it). Not on tracks: a new track comes with
-- nearly every imported record, and its trigram index cost the importer about a third of its
-- speed (./bench importer); artists and albums grow far more slowly.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX albums_name_trgm_idx ON albums USING gin (name gin_trgm_ops);
CREATE INDEX artists_name_trgm_idx ON artists USING gin (name gin_trgm_ops);

-- Top albums count the tracks played of a few candidate albums.
CREATE INDEX tracks_album_idx ON tracks (album_id);

-- V3's month number (months since 1970-01, UTC), in float arithmetic, cheaper than numeric.
CREATE FUNCTION rollup_utc_month(played_at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ((date_part('year', played_at AT TIME ZONE 'UTC') - 1970) * 12
        + date_part('month', played_at AT TIME ZONE 'UTC') - 1)::integer
$$;

-- One statement: the new plays are joined with tracks once and aggregated per (user, month, track)
-- once, and feed every rollup of this file.
CREATE FUNCTION plays_rollup_v8_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Imports (V9) defer the rollups and call refresh_history_rollups() when the job ends.
    IF coalesce(current_setting('spotifymcp.defer_rollups', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    -- Shared with other inserts, exclusive with a refresh (V9's lock class).
    PERFORM pg_advisory_xact_lock_shared(7301, d.user_id) FROM (SELECT DISTINCT user_id FROM new_plays ORDER BY 1) d;
    WITH priced AS MATERIALIZED (
        SELECT x.user_id, x.played_at, x.track_id, x.source, t.album_id,
               coalesce(x.ms_played, t.duration_ms, 0)::bigint AS ms
        FROM new_plays x LEFT JOIN tracks t ON t.id = x.track_id),
    batch AS MATERIALIZED (
        SELECT user_id, rollup_utc_month(played_at) AS month, track_id, album_id, count(*)::integer AS plays,
               sum(ms)::bigint AS ms, min(played_at) AS first_played_at, max(played_at) AS last_played_at
        FROM priced GROUP BY 1, 2, 3, 4),
    artist_batch AS MATERIALIZED (
        SELECT b.user_id, b.month, k.artist_key, sum(b.plays)::integer AS plays, sum(b.ms)::bigint AS ms,
               min(b.first_played_at) AS first_played_at
        FROM batch b
        JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
              JOIN artists a ON a.id = ta.artist_id
              WHERE ta.track_id IN (SELECT DISTINCT track_id FROM batch)) k ON k.track_id = b.track_id
        GROUP BY 1, 2, 3),
    zones AS MATERIALIZED (
        SELECT u.id AS user_id, coalesce(z.time_zone, rollup_time_zone(u.time_zone)) AS time_zone
        FROM users u LEFT JOIN play_local_day_zones z ON z.user_id = u.id
        WHERE u.id IN (SELECT DISTINCT user_id FROM batch)),
    zone_rows AS (
        INSERT INTO play_local_day_zones (user_id, time_zone) SELECT user_id, time_zone FROM zones
        ON CONFLICT (user_id) DO NOTHING),
    local_days AS (
        INSERT INTO play_local_days AS d (user_id, day, source, plays, ms_played)
        SELECT p.user_id, (p.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01', p.source, count(*),
               sum(p.ms)
        FROM priced p JOIN zones z ON z.user_id = p.user_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (user_id, day, source) DO UPDATE
            SET plays = d.plays + excluded.plays, ms_played = d.ms_played + excluded.ms_played),
    month_totals AS (
        INSERT INTO play_month_totals AS m (user_id, month, plays, ms_played)
        SELECT user_id, month, sum(plays), sum(ms) FROM batch GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (user_id, month) DO UPDATE
            SET plays = m.plays + excluded.plays, ms_played = m.ms_played + excluded.ms_played),
    month_albums AS (
        INSERT INTO play_month_albums AS m (user_id, month, album_id, plays, ms_played)
        SELECT user_id, month, album_id, sum(plays), sum(ms) FROM batch WHERE album_id IS NOT NULL
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (user_id, month, album_id) DO UPDATE
            SET plays = m.plays + excluded.plays, ms_played = m.ms_played + excluded.ms_played),
    album_totals AS (
        INSERT INTO user_album_totals AS u (user_id, album_id, plays, ms_played)
        SELECT user_id, album_id, sum(plays), sum(ms) FROM batch WHERE album_id IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (user_id, album_id) DO UPDATE
            SET plays = u.plays + excluded.plays, ms_played = u.ms_played + excluded.ms_played),
    month_artists AS (
        INSERT INTO play_month_artists AS m (user_id, month, artist_key, plays, ms_played)
        SELECT user_id, month, artist_key, plays, ms FROM artist_batch ORDER BY 1, 2, 3
        ON CONFLICT (user_id, month, artist_key) DO UPDATE
            SET plays = m.plays + excluded.plays, ms_played = m.ms_played + excluded.ms_played)
    INSERT INTO user_artist_totals AS u (user_id, artist_key, plays, ms_played, first_played_at)
    SELECT user_id, artist_key, sum(plays), sum(ms), min(first_played_at) FROM artist_batch
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (user_id, artist_key) DO UPDATE
        SET plays = u.plays + excluded.plays, ms_played = u.ms_played + excluded.ms_played,
            first_played_at = least(u.first_played_at, excluded.first_played_at);
    RETURN NULL;
END
$$;

-- Deletes are rare (a user's removal, a cleanup): a temporary table keeps the statements simple.
CREATE FUNCTION plays_rollup_v8_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Deferred (V9) only while a deleted user's plays go: these rows went with the user.
    IF coalesce(current_setting('spotifymcp.defer_rollups', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS rollup_v8_removed (
        user_id integer, month integer, track_id integer, album_id integer, plays integer, ms bigint,
        first_played_at timestamptz) ON COMMIT DROP;
    DELETE FROM rollup_v8_removed;
    INSERT INTO rollup_v8_removed
    SELECT x.user_id, rollup_utc_month(x.played_at), x.track_id, t.album_id, count(*),
           sum(coalesce(x.ms_played, t.duration_ms, 0)), min(x.played_at)
    FROM old_plays x LEFT JOIN tracks t ON t.id = x.track_id GROUP BY 1, 2, 3, 4;

    UPDATE play_month_totals m SET plays = m.plays - d.plays, ms_played = m.ms_played - d.ms
    FROM (SELECT user_id, month, sum(plays) AS plays, sum(ms) AS ms FROM rollup_v8_removed GROUP BY 1, 2) d
    WHERE m.user_id = d.user_id AND m.month = d.month;
    DELETE FROM play_month_totals m USING (SELECT DISTINCT user_id, month FROM rollup_v8_removed) d
    WHERE m.user_id = d.user_id AND m.month = d.month AND m.plays <= 0;

    UPDATE play_month_albums m SET plays = m.plays - d.plays, ms_played = m.ms_played - d.ms
    FROM (SELECT user_id, month, album_id, sum(plays) AS plays, sum(ms) AS ms FROM rollup_v8_removed
          WHERE album_id IS NOT NULL GROUP BY 1, 2, 3) d
    WHERE m.user_id = d.user_id AND m.month = d.month AND m.album_id = d.album_id;
    DELETE FROM play_month_albums m USING (SELECT DISTINCT user_id, month, album_id FROM rollup_v8_removed) d
    WHERE m.user_id = d.user_id AND m.month = d.month AND m.album_id = d.album_id AND m.plays <= 0;

    UPDATE user_album_totals u SET plays = u.plays - d.plays, ms_played = u.ms_played - d.ms
    FROM (SELECT user_id, album_id, sum(plays) AS plays, sum(ms) AS ms FROM rollup_v8_removed
          WHERE album_id IS NOT NULL GROUP BY 1, 2) d
    WHERE u.user_id = d.user_id AND u.album_id = d.album_id;
    DELETE FROM user_album_totals u USING (SELECT DISTINCT user_id, album_id FROM rollup_v8_removed) d
    WHERE u.user_id = d.user_id AND u.album_id = d.album_id AND u.plays <= 0;

    CREATE TEMP TABLE IF NOT EXISTS rollup_v8_removed_artists (
        user_id integer, month integer, artist_key text, plays integer, ms bigint, first_played_at timestamptz)
        ON COMMIT DROP;
    DELETE FROM rollup_v8_removed_artists;
    INSERT INTO rollup_v8_removed_artists
    SELECT b.user_id, b.month, k.artist_key, sum(b.plays), sum(b.ms), min(b.first_played_at)
    FROM rollup_v8_removed b
    JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
          JOIN artists a ON a.id = ta.artist_id
          WHERE ta.track_id IN (SELECT DISTINCT track_id FROM rollup_v8_removed)) k ON k.track_id = b.track_id
    GROUP BY 1, 2, 3;

    UPDATE play_month_artists m SET plays = m.plays - d.plays, ms_played = m.ms_played - d.ms
    FROM rollup_v8_removed_artists d
    WHERE m.user_id = d.user_id AND m.month = d.month AND m.artist_key = d.artist_key;
    DELETE FROM play_month_artists m USING rollup_v8_removed_artists d
    WHERE m.user_id = d.user_id AND m.month = d.month AND m.artist_key = d.artist_key AND m.plays <= 0;

    UPDATE user_artist_totals u SET plays = u.plays - d.plays, ms_played = u.ms_played - d.ms
    FROM (SELECT user_id, artist_key, sum(plays) AS plays, sum(ms) AS ms FROM rollup_v8_removed_artists
          GROUP BY 1, 2) d
    WHERE u.user_id = d.user_id AND u.artist_key = d.artist_key;
    DELETE FROM user_artist_totals u USING (SELECT DISTINCT user_id, artist_key FROM rollup_v8_removed_artists) d
    WHERE u.user_id = d.user_id AND u.artist_key = d.artist_key AND u.plays <= 0;
    UPDATE play_local_days d SET plays = d.plays - x.plays, ms_played = d.ms_played - x.ms
    FROM (SELECT o.user_id, (o.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01' AS day, o.source,
                 count(*) AS plays, sum(coalesce(o.ms_played, t.duration_ms, 0)) AS ms
          FROM old_plays o JOIN play_local_day_zones z ON z.user_id = o.user_id
          LEFT JOIN tracks t ON t.id = o.track_id GROUP BY 1, 2, 3) x
    WHERE d.user_id = x.user_id AND d.day = x.day AND d.source = x.source;
    DELETE FROM play_local_days d
    USING (SELECT DISTINCT o.user_id, (o.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01' AS day
           FROM old_plays o JOIN play_local_day_zones z ON z.user_id = o.user_id) x
    WHERE d.user_id = x.user_id AND d.day = x.day AND d.plays <= 0;
    -- An artist's first play may be gone: read it again from V3's track totals (already updated).
    UPDATE user_artist_totals u SET first_played_at = r.first_played_at
    FROM (SELECT c.user_id, c.artist_key, min(t.first_played_at) AS first_played_at
          FROM (SELECT d.user_id, d.artist_key FROM rollup_v8_removed_artists d
                JOIN user_artist_totals ua ON ua.user_id = d.user_id AND ua.artist_key = d.artist_key
                GROUP BY 1, 2 HAVING min(d.first_played_at) <= min(ua.first_played_at)) c
          JOIN artists a ON lower(a.name) = c.artist_key
          JOIN track_artists ta ON ta.artist_id = a.id
          JOIN user_track_totals t ON t.user_id = c.user_id AND t.track_id = ta.track_id
          GROUP BY 1, 2) r
    WHERE u.user_id = r.user_id AND u.artist_key = r.artist_key;
    RETURN NULL;
END
$$;

CREATE TRIGGER plays_rollup_v8_after_insert AFTER INSERT ON plays
    REFERENCING NEW TABLE AS new_plays FOR EACH STATEMENT EXECUTE FUNCTION plays_rollup_v8_insert();
CREATE TRIGGER plays_rollup_v8_after_delete AFTER DELETE ON plays
    REFERENCING OLD TABLE AS old_plays FOR EACH STATEMENT EXECUTE FUNCTION plays_rollup_v8_delete();

-- A user's new time zone: their local days are counted again from their plays.
CREATE FUNCTION users_time_zone_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.time_zone IS DISTINCT FROM OLD.time_zone
            AND EXISTS (SELECT 1 FROM play_local_day_zones WHERE user_id = NEW.id) THEN
        DELETE FROM play_local_days WHERE user_id = NEW.id;
        UPDATE play_local_day_zones SET time_zone = rollup_time_zone(NEW.time_zone) WHERE user_id = NEW.id;
        INSERT INTO play_local_days (user_id, day, source, plays, ms_played)
        SELECT p.user_id, (p.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01', p.source, count(*),
               sum(coalesce(p.ms_played, t.duration_ms, 0))
        FROM plays p JOIN play_local_day_zones z ON z.user_id = p.user_id LEFT JOIN tracks t ON t.id = p.track_id
        WHERE p.user_id = NEW.id GROUP BY 1, 2, 3;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_time_zone_rollup_after_update AFTER UPDATE OF time_zone ON users
    FOR EACH ROW EXECUTE FUNCTION users_time_zone_rollup_update();

-- The (user, month) rows of V3's per-track rollup for tracks some user has played, found through
-- primary keys: users x user_track_totals, then the months between the first and the last play.
CREATE FUNCTION played_track_months(track_ids integer[])
    RETURNS TABLE (user_id integer, track_id integer, month integer, plays integer, ms_played bigint)
LANGUAGE sql STABLE AS $$
    SELECT p.user_id, p.track_id, p.month, p.plays, p.ms_played
    FROM unnest(track_ids) AS t(id)
    CROSS JOIN users us
    JOIN user_track_totals u ON u.user_id = us.id AND u.track_id = t.id
    CROSS JOIN LATERAL generate_series(rollup_utc_month(u.first_played_at), rollup_utc_month(u.last_played_at)) AS m(month)
    JOIN play_month_tracks p ON p.user_id = u.user_id AND p.month = m.month AND p.track_id = u.track_id
$$;

-- A new link between an already played track and an artist key it did not have adds the track's
-- plays to that key. Tracks created in this transaction are skipped: the loaders link a new
-- track's artists before they insert its plays (importer and collector alike).
CREATE FUNCTION track_artists_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tracks_with_new_keys integer[];
BEGIN
    SELECT array_agg(n.track_id) INTO tracks_with_new_keys FROM new_links n
    JOIN tracks t ON t.id = n.track_id AND t.created_at < now();
    IF tracks_with_new_keys IS NULL THEN
        RETURN NULL;
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS rollup_v8_new_keys (track_id integer, artist_key text) ON COMMIT DROP;
    DELETE FROM rollup_v8_new_keys;
    INSERT INTO rollup_v8_new_keys
    SELECT DISTINCT n.track_id, lower(a.name) FROM new_links n
    JOIN tracks t ON t.id = n.track_id AND t.created_at < now()
    JOIN artists a ON a.id = n.artist_id
    WHERE NOT EXISTS (SELECT 1 FROM track_artists ta JOIN artists a2 ON a2.id = ta.artist_id
                      WHERE ta.track_id = n.track_id AND lower(a2.name) = lower(a.name)
                        AND NOT EXISTS (SELECT 1 FROM new_links n2
                                        WHERE n2.track_id = ta.track_id AND n2.position = ta.position));
    SELECT array_agg(DISTINCT track_id) INTO tracks_with_new_keys FROM rollup_v8_new_keys;
    IF tracks_with_new_keys IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO play_month_artists AS m (user_id, month, artist_key, plays, ms_played)
    SELECT p.user_id, p.month, k.artist_key, sum(p.plays), sum(p.ms_played)
    FROM played_track_months(tracks_with_new_keys) p JOIN rollup_v8_new_keys k ON k.track_id = p.track_id
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (user_id, month, artist_key) DO UPDATE
        SET plays = m.plays + excluded.plays, ms_played = m.ms_played + excluded.ms_played;
    INSERT INTO user_artist_totals AS u (user_id, artist_key, plays, ms_played, first_played_at)
    SELECT t.user_id, k.artist_key, sum(t.plays), sum(t.ms_played), min(t.first_played_at)
    FROM rollup_v8_new_keys k CROSS JOIN users us
    JOIN user_track_totals t ON t.user_id = us.id AND t.track_id = k.track_id
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (user_id, artist_key) DO UPDATE
        SET plays = u.plays + excluded.plays, ms_played = u.ms_played + excluded.ms_played,
            first_played_at = least(u.first_played_at, excluded.first_played_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER track_artists_rollup_after_insert AFTER INSERT ON track_artists
    REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION track_artists_rollup_insert();

-- A track whose album changes (the collector fills in an album an export did not name) moves its
-- plays from the old album, if any, to the new one.
CREATE FUNCTION tracks_album_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved_tracks integer[];
BEGIN
    SELECT array_agg(n.id) INTO moved_tracks FROM new_tracks n JOIN old_tracks o ON o.id = n.id
    WHERE o.album_id IS DISTINCT FROM n.album_id;
    IF moved_tracks IS NULL THEN
        RETURN NULL;
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS rollup_v8_moved (
        user_id integer, month integer, old_album integer, new_album integer, plays integer, ms bigint)
        ON COMMIT DROP;
    DELETE FROM rollup_v8_moved;
    INSERT INTO rollup_v8_moved
    SELECT p.user_id, p.month, o.album_id, n.album_id, p.plays, p.ms_played
    FROM played_track_months(moved_tracks) p JOIN old_tracks o ON o.id = p.track_id
    JOIN new_tracks n ON n.id = p.track_id;

    UPDATE play_month_albums m SET plays = m.plays - d.plays, ms_played = m.ms_played - d.ms
    FROM (SELECT user_id, month, old_album, sum(plays) AS plays, sum(ms) AS ms FROM rollup_v8_moved
          WHERE old_album IS NOT NULL GROUP BY 1, 2, 3) d
    WHERE m.user_id = d.user_id AND m.month = d.month AND m.album_id = d.old_album;
    DELETE FROM play_month_albums m USING rollup_v8_moved d
    WHERE m.user_id = d.user_id AND m.month = d.month AND m.album_id = d.old_album AND m.plays <= 0;
    UPDATE user_album_totals u SET plays = u.plays - d.plays, ms_played = u.ms_played - d.ms
    FROM (SELECT user_id, old_album, sum(plays) AS plays, sum(ms) AS ms FROM rollup_v8_moved
          WHERE old_album IS NOT NULL GROUP BY 1, 2) d
    WHERE u.user_id = d.user_id AND u.album_id = d.old_album;
    DELETE FROM user_album_totals u USING rollup_v8_moved d
    WHERE u.user_id = d.user_id AND u.album_id = d.old_album AND u.plays <= 0;

    INSERT INTO play_month_albums AS m (user_id, month, album_id, plays, ms_played)
    SELECT user_id, month, new_album, sum(plays), sum(ms) FROM rollup_v8_moved
    WHERE new_album IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (user_id, month, album_id) DO UPDATE
        SET plays = m.plays + excluded.plays, ms_played = m.ms_played + excluded.ms_played;
    INSERT INTO user_album_totals AS u (user_id, album_id, plays, ms_played)
    SELECT user_id, new_album, sum(plays), sum(ms) FROM rollup_v8_moved
    WHERE new_album IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (user_id, album_id) DO UPDATE
        SET plays = u.plays + excluded.plays, ms_played = u.ms_played + excluded.ms_played;
    RETURN NULL;
END
$$;

CREATE TRIGGER tracks_album_rollup_after_update AFTER UPDATE ON tracks
    REFERENCING OLD TABLE AS old_tracks NEW TABLE AS new_tracks
    FOR EACH STATEMENT EXECUTE FUNCTION tracks_album_rollup_update();

-- Plays that existed before this migration, read from V3's per-track rollups.
INSERT INTO play_month_totals (user_id, month, plays, ms_played)
SELECT user_id, month, sum(plays), sum(ms_played) FROM play_month_tracks GROUP BY 1, 2;
INSERT INTO play_month_albums (user_id, month, album_id, plays, ms_played)
SELECT p.user_id, p.month, t.album_id, sum(p.plays), sum(p.ms_played)
FROM play_month_tracks p JOIN tracks t ON t.id = p.track_id WHERE t.album_id IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO user_album_totals (user_id, album_id, plays, ms_played)
SELECT u.user_id, t.album_id, sum(u.plays), sum(u.ms_played)
FROM user_track_totals u JOIN tracks t ON t.id = u.track_id WHERE t.album_id IS NOT NULL GROUP BY 1, 2;
INSERT INTO play_month_artists (user_id, month, artist_key, plays, ms_played)
SELECT p.user_id, p.month, k.artist_key, sum(p.plays), sum(p.ms_played)
FROM play_month_tracks p
JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
      JOIN artists a ON a.id = ta.artist_id) k ON k.track_id = p.track_id
GROUP BY 1, 2, 3;
INSERT INTO user_artist_totals (user_id, artist_key, plays, ms_played, first_played_at)
SELECT u.user_id, k.artist_key, sum(u.plays), sum(u.ms_played), min(u.first_played_at)
FROM user_track_totals u
JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
      JOIN artists a ON a.id = ta.artist_id) k ON k.track_id = u.track_id
GROUP BY 1, 2;
INSERT INTO play_local_day_zones (user_id, time_zone)
SELECT u.id, rollup_time_zone(u.time_zone) FROM users u WHERE EXISTS (SELECT 1 FROM plays p WHERE p.user_id = u.id);
INSERT INTO play_local_days (user_id, day, source, plays, ms_played)
SELECT p.user_id, (p.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01', p.source, count(*),
       sum(coalesce(p.ms_played, t.duration_ms, 0))
FROM plays p JOIN play_local_day_zones z ON z.user_id = p.user_id LEFT JOIN tracks t ON t.id = p.track_id
GROUP BY 1, 2, 3;

-- Imports defer the triggers (V9); when a job ends the importer brings this file's rollups up to
-- date for the plays it added between p_from and p_to: the UTC months and local days they touch are
-- counted again from plays, the all-time artist and album totals of what those months hold are
-- summed again from the month rows, and first plays move earlier where the range holds earlier
-- ones (imports only add plays).
CREATE FUNCTION refresh_history_rollups(p_user integer, p_from timestamptz, p_to timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    m1 integer := rollup_utc_month(p_from);
    m2 integer := rollup_utc_month(p_to);
    zone text;
BEGIN
    PERFORM pg_advisory_xact_lock(7301, p_user);
    PERFORM set_config('work_mem', '256MB', true);
    -- The import kept V3's play_month_tracks batch by batch (and refresh_user_track_totals ran
    -- first), so the months are read from there instead of scanning the plays again.
    CREATE TEMP TABLE IF NOT EXISTS rollup_v8_refresh (
        month integer, track_id integer, album_id integer, plays integer, ms bigint) ON COMMIT DROP;
    DELETE FROM rollup_v8_refresh;
    INSERT INTO rollup_v8_refresh
    SELECT m.month, m.track_id, t.album_id, m.plays, m.ms_played
    FROM play_month_tracks m LEFT JOIN tracks t ON t.id = m.track_id
    WHERE m.user_id = p_user AND m.month BETWEEN m1 AND m2;
    ANALYZE rollup_v8_refresh;

    DELETE FROM play_month_totals WHERE user_id = p_user AND month BETWEEN m1 AND m2;
    INSERT INTO play_month_totals (user_id, month, plays, ms_played)
    SELECT p_user, month, sum(plays), sum(ms) FROM rollup_v8_refresh GROUP BY 2;

    DELETE FROM play_month_albums WHERE user_id = p_user AND month BETWEEN m1 AND m2;
    INSERT INTO play_month_albums (user_id, month, album_id, plays, ms_played)
    SELECT p_user, month, album_id, sum(plays), sum(ms) FROM rollup_v8_refresh WHERE album_id IS NOT NULL
    GROUP BY 2, 3;
    INSERT INTO user_album_totals AS u (user_id, album_id, plays, ms_played)
    SELECT p_user, m.album_id, sum(m.plays), sum(m.ms_played) FROM play_month_albums m
    WHERE m.user_id = p_user AND m.album_id IN (SELECT album_id FROM rollup_v8_refresh) GROUP BY 2
    ON CONFLICT (user_id, album_id) DO UPDATE SET plays = excluded.plays, ms_played = excluded.ms_played;

    DELETE FROM play_month_artists WHERE user_id = p_user AND month BETWEEN m1 AND m2;
    INSERT INTO play_month_artists (user_id, month, artist_key, plays, ms_played)
    SELECT p_user, r.month, k.artist_key, sum(r.plays), sum(r.ms)
    FROM rollup_v8_refresh r
    JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
          JOIN artists a ON a.id = ta.artist_id
          WHERE ta.track_id IN (SELECT track_id FROM rollup_v8_refresh)) k ON k.track_id = r.track_id
    GROUP BY 2, 3;
    INSERT INTO user_artist_totals AS u (user_id, artist_key, plays, ms_played, first_played_at)
    SELECT p_user, s.artist_key, s.plays, s.ms_played, f.first_played_at
    FROM (SELECT k.artist_key, min(u.first_played_at) AS first_played_at
          FROM (SELECT DISTINCT track_id FROM rollup_v8_refresh) r
          JOIN user_track_totals u ON u.user_id = p_user AND u.track_id = r.track_id
          JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
                JOIN artists a ON a.id = ta.artist_id
                WHERE ta.track_id IN (SELECT track_id FROM rollup_v8_refresh)) k ON k.track_id = r.track_id
          GROUP BY 1) f
    JOIN (SELECT m.artist_key, sum(m.plays) AS plays, sum(m.ms_played) AS ms_played FROM play_month_artists m
          WHERE m.user_id = p_user GROUP BY 1) s ON s.artist_key = f.artist_key
    ON CONFLICT (user_id, artist_key) DO UPDATE
        SET plays = excluded.plays, ms_played = excluded.ms_played,
            first_played_at = least(u.first_played_at, excluded.first_played_at);

    INSERT INTO play_local_day_zones (user_id, time_zone)
    SELECT id, rollup_time_zone(time_zone) FROM users WHERE id = p_user ON CONFLICT (user_id) DO NOTHING;
    SELECT time_zone INTO zone FROM play_local_day_zones WHERE user_id = p_user;
    DELETE FROM play_local_days WHERE user_id = p_user
      AND day BETWEEN (p_from AT TIME ZONE zone)::date - DATE '1970-01-01' AND (p_to AT TIME ZONE zone)::date - DATE '1970-01-01';
    -- Days are summed from the hour rollup (kept batch by batch by the import): an hour that lies
    -- within one local day belongs to it whole. Only hours that straddle a local midnight, which
    -- exist in zones with half- or quarter-hour offsets, are split by reading their plays.
    INSERT INTO play_local_days (user_id, day, source, plays, ms_played)
    SELECT p_user, x.day, x.source, sum(x.plays), sum(x.ms)
    FROM (SELECT (to_timestamp(h.hour * 3600.0) AT TIME ZONE zone)::date - DATE '1970-01-01' AS day, h.source,
                 h.plays, h.ms_played AS ms
          FROM play_hour_totals h
          WHERE h.user_id = p_user
            AND h.hour BETWEEN floor(extract(epoch FROM p_from - interval '1 day') / 3600)
                           AND floor(extract(epoch FROM p_to + interval '1 day') / 3600)
            AND (to_timestamp(h.hour * 3600.0) AT TIME ZONE zone)::date
                = (to_timestamp(h.hour * 3600.0 + 3599.999999) AT TIME ZONE zone)::date
          UNION ALL
          SELECT (p.played_at AT TIME ZONE zone)::date - DATE '1970-01-01', p.source, 1,
                 coalesce(p.ms_played, t.duration_ms, 0)
          FROM play_hour_totals h
          JOIN plays p ON p.user_id = p_user AND p.played_at >= to_timestamp(h.hour * 3600.0)
                      AND p.played_at < to_timestamp((h.hour + 1) * 3600.0) AND p.source = h.source
          LEFT JOIN tracks t ON t.id = p.track_id
          WHERE h.user_id = p_user
            AND h.hour BETWEEN floor(extract(epoch FROM p_from - interval '1 day') / 3600)
                           AND floor(extract(epoch FROM p_to + interval '1 day') / 3600)
            AND (to_timestamp(h.hour * 3600.0) AT TIME ZONE zone)::date
                <> (to_timestamp(h.hour * 3600.0 + 3599.999999) AT TIME ZONE zone)::date) x
    WHERE x.day BETWEEN (p_from AT TIME ZONE zone)::date - DATE '1970-01-01'
                    AND (p_to AT TIME ZONE zone)::date - DATE '1970-01-01'
    GROUP BY 2, 3;
    DELETE FROM rollup_v8_refresh;
END
$$;
