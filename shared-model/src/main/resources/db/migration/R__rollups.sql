-- The current text of every history rollup function, in one place. The tables were created by
-- V3, V8, V10 and V13 (docs/rollups.md lists each: key, writer, readers, rebuild); the versioned
-- migrations' function bodies are superseded by the ones below. Plays reach the rollups through
-- apply_plays_to_rollups only, called by the two writers of plays. Flyway runs this file again
-- whenever it changes, and it ends by rebuilding every user's rollups from plays, so a changed
-- rule or function never leaves rollups computed the old way.
--
-- Plays counted right: a listen counts as a play when it lasted at least play_count_rule.min_ms
-- or reached the end of a shorter track; a listen without ms_played (the Web API's recently
-- played list, which only lists streams) counts. Rollups count counted plays, and their
-- ms_played is the time of counted plays only; skipped listens go to play_month_skips with their
-- own time. A play without ms_played is priced at its track's duration.

CREATE OR REPLACE FUNCTION is_counted_play(ms_played integer, duration_ms integer, min_ms integer,
        end_tolerance_ms integer) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ms_played IS NULL OR ms_played >= min_ms
        OR coalesce(ms_played > 0 AND ms_played >= duration_ms - end_tolerance_ms, false)
$$;

-- A user's listens, priced and judged: the one definition that rebuild_rollups() aggregates.
-- The rule is read by scalar subqueries, once per query: joined as a table, its one row (never
-- analyzed: autovacuum skips tables that small) was estimated at 1,810 and the planner sorted
-- where it should hash.
CREATE OR REPLACE FUNCTION user_listens(p_user integer)
    RETURNS TABLE (user_id integer, played_at timestamptz, track_id integer, source smallint, album_id integer,
                   ms bigint, counted boolean)
LANGUAGE sql STABLE AS $$
    SELECT p.user_id, p.played_at, p.track_id, p.source, t.album_id, coalesce(p.ms_played, t.duration_ms, 0)::bigint,
           is_counted_play(p.ms_played, t.duration_ms, (SELECT min_ms FROM play_count_rule),
                           (SELECT end_tolerance_ms FROM play_count_rule))
    FROM plays p LEFT JOIN tracks t ON t.id = p.track_id
    WHERE p.user_id = p_user
$$;

-- Months since 1970-01 (UTC), in float arithmetic, cheaper than numeric.
CREATE OR REPLACE FUNCTION rollup_utc_month(played_at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ((date_part('year', played_at AT TIME ZONE 'UTC') - 1970) * 12
        + date_part('month', played_at AT TIME ZONE 'UTC') - 1)::integer
$$;

-- Hours since the epoch. Written with immutable parts only (epoch of the UTC wall time) so the
-- planner inlines it; a wrapper around the stable date_part(text, timestamptz) runs as a function
-- call per row, measured three times slower.
CREATE OR REPLACE FUNCTION rollup_hour(at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT floor(date_part('epoch', at AT TIME ZONE 'UTC') / 3600)::integer
$$;

-- The zone to keep a user's local days in: theirs, or UTC when PostgreSQL does not know it (an
-- unknown zone must never make an import fail).
CREATE OR REPLACE FUNCTION rollup_time_zone(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    PERFORM now() AT TIME ZONE tz;
    RETURN tz;
EXCEPTION WHEN others THEN
    RETURN 'UTC';
END
$$;

-- A user's new time zone: their local days are counted again from their plays.
CREATE OR REPLACE FUNCTION users_time_zone_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.time_zone IS DISTINCT FROM OLD.time_zone
            AND EXISTS (SELECT 1 FROM play_local_day_zones WHERE user_id = NEW.id) THEN
        DELETE FROM play_local_days WHERE user_id = NEW.id;
        UPDATE play_local_day_zones SET time_zone = rollup_time_zone(NEW.time_zone) WHERE user_id = NEW.id;
        INSERT INTO play_local_days (user_id, day, source, plays, ms_played)
        SELECT p.user_id, (p.played_at AT TIME ZONE z.time_zone)::date - DATE '1970-01-01', p.source, count(*), sum(p.ms)
        FROM user_listens(NEW.id) p JOIN play_local_day_zones z ON z.user_id = p.user_id
        WHERE p.counted GROUP BY 1, 2, 3;
    END IF;
    RETURN NULL;
END
$$;

-- The (user, month) rows of the per-track rollup for tracks some user has played, found through
-- primary keys: users x user_track_totals, then the months between the first and the last play.
CREATE OR REPLACE FUNCTION played_track_months(track_ids integer[])
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
CREATE OR REPLACE FUNCTION track_artists_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tracks_with_new_keys integer[];
BEGIN
    -- one primary-key probe per link: a join hashed all of tracks for every imported batch
    SELECT array_agg(n.track_id) INTO tracks_with_new_keys FROM new_links n
    WHERE (SELECT t.created_at FROM tracks t WHERE t.id = n.track_id) < now();
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

-- A track whose album changes (the collector fills in an album an export did not name) moves its
-- plays from the old album, if any, to the new one.
CREATE OR REPLACE FUNCTION tracks_album_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
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

-- The one way plays reach the rollups. Both writers call it in the transaction that wrote the
-- plays: the collector's PlayWriter for the span of a polled page, the importer once for the
-- job's time range when the job ends. Every rollup of the UTC months that [p_from, p_to] touches
-- is counted again from plays, set-based: one pass over the listens of those months (and of the
-- local days that straddle the range's ends) groups them by month and track, by hour and by
-- local day into a small table, and every rollup is derived from that table. The all-time
-- totals of every track, album and artist key those months held before or hold now are summed
-- again from the month rows. Exact whatever happened in the range (inserts, replaced
-- account-data plays). Rows go in in primary-key order, which halves the cost of the index
-- inserts. Holds the user's rollup lock (advisory class 7301) exclusively, so two writers of
-- one user take turns.
CREATE OR REPLACE FUNCTION apply_plays_to_rollups(p_user integer, p_from timestamptz, p_to timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    m1 integer := rollup_utc_month(p_from);
    m2 integer := rollup_utc_month(p_to);
    range_start timestamptz := make_timestamptz(1970 + m1 / 12, m1 % 12 + 1, 1, 0, 0, 0, 'UTC');
    range_end timestamptz := make_timestamptz(1970 + (m2 + 1) / 12, (m2 + 1) % 12 + 1, 1, 0, 0, 0, 'UTC');
    zone text;
    d1 integer;
    d2 integer;
BEGIN
    PERFORM pg_advisory_xact_lock(7301, p_user);
    PERFORM set_config('work_mem', '256MB', true);
    INSERT INTO play_local_day_zones (user_id, time_zone)
    SELECT id, rollup_time_zone(time_zone) FROM users WHERE id = p_user ON CONFLICT (user_id) DO NOTHING;
    SELECT time_zone INTO zone FROM play_local_day_zones WHERE user_id = p_user;
    d1 := (range_start AT TIME ZONE zone)::date - DATE '1970-01-01';
    d2 := ((range_end - interval '1 microsecond') AT TIME ZONE zone)::date - DATE '1970-01-01';
    DROP TABLE IF EXISTS rollup_groups, rollup_touched, rollup_artist_keys, rollup_track_outside;

    -- One pass over the listens of the local days [d1, d2], which hold the months: grouped by
    -- month and track, by hour and by local day. Groups of the hours and months just outside
    -- the range (local days straddle its ends) are left out below.
    CREATE TEMP TABLE rollup_groups ON COMMIT DROP AS
    SELECT month, track_id, album_id, hour, day, source, counted, count(*)::integer AS n,
           sum(ms)::bigint AS ms, min(played_at) AS first_at, max(played_at) AS last_at
    FROM (SELECT rollup_utc_month(played_at) AS month, rollup_hour(played_at) AS hour,
                 (played_at AT TIME ZONE zone)::date - DATE '1970-01-01' AS day, *
          FROM user_listens(p_user)
          WHERE played_at >= (DATE '1970-01-01' + d1)::timestamp AT TIME ZONE zone
            AND played_at < (DATE '1970-01-01' + d2 + 1)::timestamp AT TIME ZONE zone) l
    GROUP BY GROUPING SETS ((month, track_id, album_id, counted), (hour, source, counted),
                            (day, source, counted));
    ANALYZE rollup_groups;
    DELETE FROM rollup_groups WHERE NOT (month BETWEEN m1 AND m2 OR hour >= rollup_hour(range_start)
        AND hour < rollup_hour(range_end) OR day IS NOT NULL AND counted);
    CREATE TEMP TABLE rollup_artist_keys ON COMMIT DROP AS
    SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key
    FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
    WHERE ta.track_id IN (SELECT track_id FROM rollup_groups WHERE month IS NOT NULL);
    -- the keys whose all-time totals change: those the months held before, and hold now
    CREATE TEMP TABLE rollup_touched (track_id integer, album_id integer, artist_key text) ON COMMIT DROP;

    WITH gone AS (DELETE FROM play_month_tracks WHERE user_id = p_user AND month BETWEEN m1 AND m2 RETURNING track_id)
    INSERT INTO rollup_touched (track_id)
    SELECT track_id FROM gone UNION SELECT track_id FROM rollup_groups WHERE counted AND month IS NOT NULL;
    INSERT INTO play_month_tracks (user_id, month, track_id, plays, ms_played)
    SELECT p_user, month, track_id, n, ms FROM rollup_groups WHERE counted AND month IS NOT NULL
    ORDER BY 2, 3;

    DELETE FROM play_month_skips WHERE user_id = p_user AND month BETWEEN m1 AND m2;
    INSERT INTO play_month_skips (user_id, month, track_id, skips, ms_played)
    SELECT p_user, month, track_id, n, ms FROM rollup_groups WHERE NOT counted AND month IS NOT NULL
    ORDER BY 2, 3;

    DELETE FROM play_month_artist_skips WHERE user_id = p_user AND month BETWEEN m1 AND m2;
    INSERT INTO play_month_artist_skips (user_id, month, artist_key, skips, ms_played)
    SELECT p_user, g.month, k.artist_key, sum(g.n), sum(g.ms)
    FROM rollup_groups g JOIN rollup_artist_keys k ON k.track_id = g.track_id
    WHERE NOT g.counted AND g.month IS NOT NULL GROUP BY 2, 3 ORDER BY 2, 3;

    DELETE FROM play_hour_totals
    WHERE user_id = p_user AND hour >= rollup_hour(range_start) AND hour < rollup_hour(range_end);
    INSERT INTO play_hour_totals (user_id, hour, source, plays, ms_played)
    SELECT p_user, hour, source, n, ms FROM rollup_groups WHERE counted AND hour IS NOT NULL ORDER BY 2, 3;

    WITH gone AS (DELETE FROM play_month_albums WHERE user_id = p_user AND month BETWEEN m1 AND m2 RETURNING album_id)
    INSERT INTO rollup_touched (album_id)
    SELECT album_id FROM gone UNION SELECT album_id FROM rollup_groups WHERE counted AND album_id IS NOT NULL;
    INSERT INTO play_month_albums (user_id, month, album_id, plays, ms_played)
    SELECT p_user, month, album_id, sum(n), sum(ms) FROM rollup_groups WHERE counted AND album_id IS NOT NULL
    GROUP BY 2, 3 ORDER BY 2, 3;

    WITH gone AS (DELETE FROM play_month_artists WHERE user_id = p_user AND month BETWEEN m1 AND m2 RETURNING artist_key)
    INSERT INTO rollup_touched (artist_key) SELECT DISTINCT artist_key FROM gone;
    WITH fresh AS (INSERT INTO play_month_artists (user_id, month, artist_key, plays, ms_played)
        SELECT p_user, g.month, k.artist_key, sum(g.n), sum(g.ms)
        FROM rollup_groups g JOIN rollup_artist_keys k ON k.track_id = g.track_id
        WHERE g.counted AND g.month IS NOT NULL GROUP BY 2, 3 ORDER BY 2, 3 RETURNING artist_key)
    INSERT INTO rollup_touched (artist_key) SELECT DISTINCT artist_key FROM fresh;

    -- Track totals: sums of the month rows; a first (last) play outside the range still
    -- stands, else the range's first (last) counted play, else (all of the range's plays of the
    -- track are gone) the first counted play after (last before) the range.
    CREATE TEMP TABLE rollup_track_outside ON COMMIT DROP AS
    SELECT track_id,
           CASE WHEN first_played_at < range_start OR first_played_at >= range_end THEN first_played_at END AS first_outside,
           CASE WHEN last_played_at < range_start OR last_played_at >= range_end THEN last_played_at END AS last_outside
    FROM user_track_totals
    WHERE user_id = p_user AND track_id IN (SELECT track_id FROM rollup_touched WHERE track_id IS NOT NULL);
    DELETE FROM user_track_totals u WHERE u.user_id = p_user
      AND u.track_id IN (SELECT track_id FROM rollup_touched WHERE track_id IS NOT NULL);
    INSERT INTO user_track_totals (user_id, track_id, plays, ms_played, first_played_at, last_played_at)
    SELECT p_user, s.track_id, s.plays, s.ms, coalesce(least(o.first_outside, f.first_in),
               (SELECT min(p.played_at) FROM user_listens(p_user) p
                WHERE p.track_id = s.track_id AND p.played_at >= range_end AND p.counted)),
           coalesce(greatest(o.last_outside, f.last_in),
               (SELECT max(p.played_at) FROM user_listens(p_user) p
                WHERE p.track_id = s.track_id AND p.played_at < range_start AND p.counted))
    FROM (SELECT m.track_id, sum(m.plays)::integer AS plays, sum(m.ms_played)::bigint AS ms FROM play_month_tracks m
          WHERE m.user_id = p_user AND m.track_id IN (SELECT track_id FROM rollup_touched WHERE track_id IS NOT NULL)
          GROUP BY 1) s
    LEFT JOIN (SELECT track_id, min(first_at) AS first_in, max(last_at) AS last_in FROM rollup_groups
               WHERE counted AND month IS NOT NULL GROUP BY 1) f ON f.track_id = s.track_id
    LEFT JOIN rollup_track_outside o ON o.track_id = s.track_id
    ORDER BY 2;

    DELETE FROM user_album_totals WHERE user_id = p_user
      AND album_id IN (SELECT album_id FROM rollup_touched WHERE album_id IS NOT NULL);
    INSERT INTO user_album_totals (user_id, album_id, plays, ms_played)
    SELECT p_user, album_id, sum(plays), sum(ms_played) FROM play_month_albums
    WHERE user_id = p_user AND album_id IN (SELECT album_id FROM rollup_touched WHERE album_id IS NOT NULL) GROUP BY 2;

    DELETE FROM user_artist_totals WHERE user_id = p_user
      AND artist_key IN (SELECT artist_key FROM rollup_touched WHERE artist_key IS NOT NULL);
    INSERT INTO user_artist_totals (user_id, artist_key, plays, ms_played, first_played_at)
    SELECT p_user, s.artist_key, s.plays, s.ms, f.first_played_at
    FROM (SELECT artist_key, sum(plays) AS plays, sum(ms_played) AS ms FROM play_month_artists
          WHERE user_id = p_user AND artist_key IN (SELECT artist_key FROM rollup_touched WHERE artist_key IS NOT NULL)
          GROUP BY 1) s
    JOIN (SELECT k.artist_key, min(t.first_played_at) AS first_played_at
          FROM (SELECT DISTINCT artist_key FROM rollup_touched WHERE artist_key IS NOT NULL) k
          JOIN artists a ON lower(a.name) = k.artist_key
          JOIN track_artists ta ON ta.artist_id = a.id
          JOIN user_track_totals t ON t.user_id = p_user AND t.track_id = ta.track_id
          GROUP BY 1) f ON f.artist_key = s.artist_key;

    DELETE FROM play_local_days WHERE user_id = p_user AND day BETWEEN d1 AND d2;
    INSERT INTO play_local_days (user_id, day, source, plays, ms_played)
    SELECT p_user, day, source, n, ms FROM rollup_groups WHERE counted AND day IS NOT NULL ORDER BY 2, 3;
    DROP TABLE rollup_groups, rollup_touched, rollup_artist_keys, rollup_track_outside;
END
$$;

-- A deleted user's plays and rollups go with the user (V8's rollups by ON DELETE CASCADE).
CREATE OR REPLACE FUNCTION delete_plays_of_deleted_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM plays WHERE user_id = OLD.id;
    DELETE FROM play_extras WHERE user_id = OLD.id;
    DELETE FROM play_hour_totals WHERE user_id = OLD.id;
    DELETE FROM play_month_tracks WHERE user_id = OLD.id;
    DELETE FROM play_month_skips WHERE user_id = OLD.id;
    DELETE FROM user_track_totals WHERE user_id = OLD.id;
    RETURN OLD;
END;
$$;

-- Every rollup of one user recomputed from plays: (table, the user's rows as computed from
-- user_listens, in the table's column order). Used by rebuild_rollups.
CREATE OR REPLACE FUNCTION rollup_definitions()
    RETURNS TABLE (rollup text, fresh_rows text) LANGUAGE sql IMMUTABLE AS $$
    VALUES
    ('play_hour_totals', 'SELECT user_id, rollup_hour(played_at), source, count(*)::integer, sum(ms)::bigint
        FROM user_listens($1) WHERE counted GROUP BY 1, 2, 3'),
    ('play_month_tracks', 'SELECT user_id, rollup_utc_month(played_at), track_id, count(*)::integer, sum(ms)::bigint
        FROM user_listens($1) WHERE counted GROUP BY 1, 2, 3'),
    ('play_month_skips', 'SELECT user_id, rollup_utc_month(played_at), track_id, count(*)::integer, sum(ms)::bigint
        FROM user_listens($1) WHERE NOT counted GROUP BY 1, 2, 3'),
    ('user_track_totals', 'SELECT user_id, track_id, count(*)::integer, sum(ms)::bigint, min(played_at), max(played_at)
        FROM user_listens($1) WHERE counted GROUP BY 1, 2'),
    ('play_month_albums', 'SELECT user_id, rollup_utc_month(played_at), album_id, count(*)::integer, sum(ms)::bigint
        FROM user_listens($1) WHERE counted AND album_id IS NOT NULL GROUP BY 1, 2, 3'),
    ('user_album_totals', 'SELECT user_id, album_id, count(*)::integer, sum(ms)::bigint
        FROM user_listens($1) WHERE counted AND album_id IS NOT NULL GROUP BY 1, 2'),
    ('play_month_artists', 'SELECT p.user_id, rollup_utc_month(p.played_at), k.artist_key, count(*)::integer, sum(p.ms)::bigint
        FROM user_listens($1) p JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
        JOIN artists a ON a.id = ta.artist_id) k ON k.track_id = p.track_id WHERE p.counted GROUP BY 1, 2, 3'),
    ('play_month_artist_skips', 'SELECT p.user_id, rollup_utc_month(p.played_at), k.artist_key, count(*)::integer, sum(p.ms)::bigint
        FROM user_listens($1) p JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
        JOIN artists a ON a.id = ta.artist_id) k ON k.track_id = p.track_id WHERE NOT p.counted GROUP BY 1, 2, 3'),
    ('user_artist_totals', 'SELECT p.user_id, k.artist_key, count(*)::integer, sum(p.ms)::bigint, min(p.played_at)
        FROM user_listens($1) p JOIN (SELECT DISTINCT ta.track_id, lower(a.name) AS artist_key FROM track_artists ta
        JOIN artists a ON a.id = ta.artist_id) k ON k.track_id = p.track_id WHERE p.counted GROUP BY 1, 2'),
    ('play_local_days', 'SELECT p.user_id, (p.played_at AT TIME ZONE z.time_zone)::date - DATE ''1970-01-01'', p.source,
        count(*)::integer, sum(p.ms)::bigint FROM user_listens($1) p JOIN play_local_day_zones z ON z.user_id = p.user_id
        WHERE p.counted GROUP BY 1, 2, 3')
$$;

-- Fresh planner statistics for plays and every rollup. Autovacuum analyzes a table only some time
-- after it changed; until then the planner still sees the tables as they were before a big import
-- (say empty) and reads a month of play_hour_totals by scanning the whole table once per month
-- (2 s instead of 20 ms per page at a million plays). Called by an import that added many plays,
-- in its own short transaction, so the locks ANALYZE takes end with it.
CREATE OR REPLACE FUNCTION analyze_history() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    d record;
BEGIN
    ANALYZE plays;
    ANALYZE history_revisions;
    FOR d IN SELECT rollup FROM rollup_definitions() LOOP
        EXECUTE format('ANALYZE %I', d.rollup);
    END LOOP;
END
$$;

-- Recomputes one user's rollups from plays and reports, per rollup, how many rows differed
-- (rows that were wrong plus rows that were missing); only rollups that differed are rewritten,
-- and then every cached month of the user is invalidated. Holds the user's rollup lock
-- exclusively, so no concurrent writer interleaves.
CREATE OR REPLACE FUNCTION rebuild_rollups(p_user integer) RETURNS TABLE (rollup text, differences bigint)
LANGUAGE plpgsql AS $$
DECLARE
    d record;
    found bigint;
    changed boolean := false;
BEGIN
    PERFORM pg_advisory_xact_lock(7301, p_user);
    PERFORM set_config('work_mem', '256MB', true);
    INSERT INTO play_local_day_zones (user_id, time_zone)
    SELECT id, rollup_time_zone(time_zone) FROM users WHERE id = p_user
    ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone;
    FOR d IN SELECT * FROM rollup_definitions() LOOP
        DROP TABLE IF EXISTS rollup_fresh;
        EXECUTE 'CREATE TEMP TABLE rollup_fresh ON COMMIT DROP AS ' || d.fresh_rows USING p_user;
        EXECUTE format('SELECT count(*) FROM ((SELECT * FROM %1$I WHERE user_id = $1 EXCEPT ALL SELECT * FROM rollup_fresh)'
            ' UNION ALL (SELECT * FROM rollup_fresh EXCEPT ALL SELECT * FROM %1$I WHERE user_id = $1)) x', d.rollup)
            INTO found USING p_user;
        IF found > 0 THEN
            EXECUTE format('DELETE FROM %I WHERE user_id = $1', d.rollup) USING p_user;
            EXECUTE format('INSERT INTO %I SELECT * FROM rollup_fresh', d.rollup);
            changed := true;
        END IF;
        rollup := d.rollup;
        differences := found;
        RETURN NEXT;
    END LOOP;
    DROP TABLE IF EXISTS rollup_fresh;
    IF changed THEN
        UPDATE history_revisions SET revision = nextval('history_revision_seq') WHERE user_id = p_user;
    END IF;
END
$$;

-- V10's revisions, bumped by statement triggers on the month rollups (HistoryMemory).
CREATE OR REPLACE FUNCTION bump_history_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO history_revisions (user_id, month, revision)'
        ' SELECT c.user_id, c.month, nextval(''history_revision_seq'') FROM'
        ' (SELECT DISTINCT user_id, %s AS month FROM %I) c JOIN users u ON u.id = c.user_id'
        ' ORDER BY c.user_id, c.month'
        ' ON CONFLICT (user_id, month) DO UPDATE SET revision = EXCLUDED.revision',
        TG_ARGV[0], CASE WHEN TG_OP = 'DELETE' THEN 'changed_before' ELSE 'changed_after' END);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION forget_history_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM history_revisions;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION bump_artist_genres_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_revisions SET revision = nextval('history_revision_seq') WHERE name = 'artist_genres';
    RETURN NULL;
END $$;

-- This file changed, so rollups computed by its previous text may be stale: rebuild them all.
SELECT count(*) FROM users u CROSS JOIN LATERAL rebuild_rollups(u.id) r;
