-- Rollups that let history analytics answer in milliseconds at a million plays per user without
-- adding indexes to plays. Statement-level triggers with transition tables keep them in step with
-- every INSERT (COPY, INSERT ... SELECT ... ON CONFLICT DO NOTHING, batched inserts) and DELETE
-- (including the cascade of a user deletion); only rows that really changed plays are counted.
--
-- play_hour_totals: plays per user, UTC hour and source. Any time zone whose offsets are whole
--   hours is bucketed exactly from it (heatmap, timeline, coverage, sources).
-- play_month_tracks: plays per user, UTC month and track. Windows are answered from whole months
--   plus raw plays for the partial months at either edge (exact for every time zone).
-- user_track_totals: all-time plays per user and track with first and last play (all-time tops,
--   discoveries, search).
-- Minutes use ms_played, or the track's duration when the source did not report it.

CREATE TABLE play_hour_totals (
    user_id   integer  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hour      integer  NOT NULL, -- hours since 1970-01-01T00:00Z
    source    smallint NOT NULL,
    plays     integer  NOT NULL,
    ms_played bigint   NOT NULL,
    PRIMARY KEY (user_id, hour, source)
);

CREATE TABLE play_month_tracks (
    user_id   integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month     integer NOT NULL, -- months since 1970-01 (UTC)
    track_id  integer NOT NULL,
    plays     integer NOT NULL,
    ms_played bigint  NOT NULL,
    PRIMARY KEY (user_id, month, track_id)
);

CREATE TABLE user_track_totals (
    user_id         integer     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    track_id        integer     NOT NULL,
    plays           integer     NOT NULL,
    ms_played       bigint      NOT NULL,
    first_played_at timestamptz NOT NULL,
    last_played_at  timestamptz NOT NULL,
    PRIMARY KEY (user_id, track_id)
);

-- Artists imported from exports without a URI exist twice (Spotify id and local id): analytics
-- merge them by lower(name), so that lookup needs an index.
CREATE INDEX artists_lower_name_idx ON artists (lower(name));

CREATE FUNCTION plays_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO play_hour_totals AS h (user_id, hour, source, plays, ms_played)
    SELECT user_id, floor(extract(epoch FROM played_at) / 3600)::integer, source, count(*), sum(ms)
    FROM (SELECT x.user_id, x.played_at, x.track_id, coalesce(x.ms_played, t.duration_ms, 0) AS ms, x.source
          FROM new_plays x LEFT JOIN tracks t ON t.id = x.track_id) batch GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (user_id, hour, source) DO UPDATE
        SET plays = h.plays + excluded.plays, ms_played = h.ms_played + excluded.ms_played;

    INSERT INTO play_month_tracks AS m (user_id, month, track_id, plays, ms_played)
    SELECT user_id,
           ((extract(year FROM played_at AT TIME ZONE 'UTC') - 1970) * 12
               + extract(month FROM played_at AT TIME ZONE 'UTC') - 1)::integer,
           track_id, count(*), sum(ms)
    FROM (SELECT x.user_id, x.played_at, x.track_id, coalesce(x.ms_played, t.duration_ms, 0) AS ms, x.source
          FROM new_plays x LEFT JOIN tracks t ON t.id = x.track_id) batch GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (user_id, month, track_id) DO UPDATE
        SET plays = m.plays + excluded.plays, ms_played = m.ms_played + excluded.ms_played;

    INSERT INTO user_track_totals AS u (user_id, track_id, plays, ms_played, first_played_at, last_played_at)
    SELECT user_id, track_id, count(*), sum(ms), min(played_at), max(played_at)
    FROM (SELECT x.user_id, x.played_at, x.track_id, coalesce(x.ms_played, t.duration_ms, 0) AS ms, x.source
          FROM new_plays x LEFT JOIN tracks t ON t.id = x.track_id) batch GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (user_id, track_id) DO UPDATE
        SET plays = u.plays + excluded.plays, ms_played = u.ms_played + excluded.ms_played,
            first_played_at = least(u.first_played_at, excluded.first_played_at),
            last_played_at = greatest(u.last_played_at, excluded.last_played_at);

    RETURN NULL;
END
$$;

CREATE FUNCTION plays_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE play_hour_totals h SET plays = h.plays - d.plays, ms_played = h.ms_played - d.ms
    FROM (SELECT user_id, floor(extract(epoch FROM played_at) / 3600)::integer AS hour, source,
                 count(*) AS plays, sum(ms) AS ms
          FROM (SELECT x.user_id, x.played_at, x.track_id, coalesce(x.ms_played, t.duration_ms, 0) AS ms, x.source
          FROM old_plays x LEFT JOIN tracks t ON t.id = x.track_id) batch GROUP BY 1, 2, 3) d
    WHERE h.user_id = d.user_id AND h.hour = d.hour AND h.source = d.source;
    DELETE FROM play_hour_totals h USING (SELECT DISTINCT user_id FROM old_plays) d
    WHERE h.user_id = d.user_id AND h.plays <= 0;

    UPDATE play_month_tracks m SET plays = m.plays - d.plays, ms_played = m.ms_played - d.ms
    FROM (SELECT user_id,
                 ((extract(year FROM played_at AT TIME ZONE 'UTC') - 1970) * 12
                     + extract(month FROM played_at AT TIME ZONE 'UTC') - 1)::integer AS month,
                 track_id, count(*) AS plays, sum(ms) AS ms
          FROM (SELECT x.user_id, x.played_at, x.track_id, coalesce(x.ms_played, t.duration_ms, 0) AS ms, x.source
          FROM old_plays x LEFT JOIN tracks t ON t.id = x.track_id) batch GROUP BY 1, 2, 3) d
    WHERE m.user_id = d.user_id AND m.month = d.month AND m.track_id = d.track_id;
    DELETE FROM play_month_tracks m USING (SELECT DISTINCT user_id FROM old_plays) d
    WHERE m.user_id = d.user_id AND m.plays <= 0;

    UPDATE user_track_totals u SET plays = u.plays - d.plays, ms_played = u.ms_played - d.ms
    FROM (SELECT user_id, track_id, count(*) AS plays, sum(ms) AS ms
          FROM (SELECT x.user_id, x.played_at, x.track_id, coalesce(x.ms_played, t.duration_ms, 0) AS ms, x.source
          FROM old_plays x LEFT JOIN tracks t ON t.id = x.track_id) batch GROUP BY 1, 2) d
    WHERE u.user_id = d.user_id AND u.track_id = d.track_id;
    DELETE FROM user_track_totals u USING (SELECT DISTINCT user_id FROM old_plays) d
    WHERE u.user_id = d.user_id AND u.plays <= 0;
    -- A partial delete may remove a track's first or last play: look those few up again.
    UPDATE user_track_totals u
    SET first_played_at = r.first_played_at, last_played_at = r.last_played_at
    FROM (SELECT p.user_id, p.track_id, min(p.played_at) AS first_played_at, max(p.played_at) AS last_played_at
          FROM plays p
          JOIN (SELECT DISTINCT b.user_id, b.track_id FROM old_plays b
                JOIN user_track_totals ut ON ut.user_id = b.user_id AND ut.track_id = b.track_id
                    AND (ut.first_played_at = b.played_at OR ut.last_played_at = b.played_at)) c
            ON c.user_id = p.user_id AND c.track_id = p.track_id
          GROUP BY 1, 2) r
    WHERE u.user_id = r.user_id AND u.track_id = r.track_id;

    RETURN NULL;
END
$$;

CREATE TRIGGER plays_rollup_after_insert AFTER INSERT ON plays
    REFERENCING NEW TABLE AS new_plays FOR EACH STATEMENT EXECUTE FUNCTION plays_rollup_insert();
CREATE TRIGGER plays_rollup_after_delete AFTER DELETE ON plays
    REFERENCING OLD TABLE AS old_plays FOR EACH STATEMENT EXECUTE FUNCTION plays_rollup_delete();

-- Plays that existed before this migration.
INSERT INTO play_hour_totals (user_id, hour, source, plays, ms_played)
SELECT p.user_id, floor(extract(epoch FROM p.played_at) / 3600)::integer, p.source, count(*),
       sum(coalesce(p.ms_played, t.duration_ms, 0))
FROM plays p LEFT JOIN tracks t ON t.id = p.track_id GROUP BY 1, 2, 3;
INSERT INTO play_month_tracks (user_id, month, track_id, plays, ms_played)
SELECT p.user_id, ((extract(year FROM p.played_at AT TIME ZONE 'UTC') - 1970) * 12
           + extract(month FROM p.played_at AT TIME ZONE 'UTC') - 1)::integer,
       p.track_id, count(*), sum(coalesce(p.ms_played, t.duration_ms, 0))
FROM plays p LEFT JOIN tracks t ON t.id = p.track_id GROUP BY 1, 2, 3;
INSERT INTO user_track_totals (user_id, track_id, plays, ms_played, first_played_at, last_played_at)
SELECT p.user_id, p.track_id, count(*), sum(coalesce(p.ms_played, t.duration_ms, 0)), min(p.played_at),
       max(p.played_at)
FROM plays p LEFT JOIN tracks t ON t.id = p.track_id GROUP BY 1, 2;
