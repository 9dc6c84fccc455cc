-- A revision per user and UTC month of the rollups. The API keeps whole months of rollup rows in
-- memory (HistoryMemory) and reads these revisions in the same snapshot as the rest of a tool's
-- queries: a cached month is used only while its revision is unchanged, so every answer stays
-- exact whoever wrote the rows (polls, import batches, refreshes at the end of an import, catalog
-- changes, deletes). The all-time totals change only together with some month's rollups, so the
-- API takes the user's highest month revision as theirs: a per-user row bumped by every writer
-- would be locked before or after the month rows depending on the writer, and two writers could
-- deadlock on it.
CREATE SEQUENCE history_revision_seq;

CREATE TABLE history_revisions (
    user_id  integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month    integer NOT NULL, -- months since 1970-01 (UTC)
    revision bigint  NOT NULL,
    PRIMARY KEY (user_id, month)
);

-- Statement triggers: one upsert per changed statement, whatever its row count. TG_ARGV[0] is the
-- expression giving the month of a changed row. Months are locked in order so two writers of the
-- same user cannot deadlock. Rows of users being deleted get no revision (the join skips them).
CREATE FUNCTION bump_history_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO history_revisions (user_id, month, revision)'
        ' SELECT c.user_id, c.month, nextval(''history_revision_seq'') FROM'
        ' (SELECT DISTINCT user_id, %s AS month FROM %I) c JOIN users u ON u.id = c.user_id'
        ' ORDER BY c.user_id, c.month'
        ' ON CONFLICT (user_id, month) DO UPDATE SET revision = EXCLUDED.revision',
        TG_ARGV[0], CASE WHEN TG_OP = 'DELETE' THEN 'changed_before' ELSE 'changed_after' END);
    RETURN NULL;
END $$;

CREATE FUNCTION forget_history_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM history_revisions;
    RETURN NULL;
END $$;

DO $$
DECLARE
    rollup record;
BEGIN
    FOR rollup IN SELECT * FROM (VALUES
            ('play_month_tracks', 'month'),
            ('play_month_artists', 'month'),
            ('play_month_albums', 'month'),
            ('play_hour_totals', 'rollup_utc_month(to_timestamp(hour::double precision * 3600))'))
            AS r (name, month_of_row) LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_after'
            ' FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions(%L)',
            rollup.name || '_revision_insert', rollup.name, rollup.month_of_row);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_after'
            ' FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions(%L)',
            rollup.name || '_revision_update', rollup.name, rollup.month_of_row);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_before'
            ' FOR EACH STATEMENT EXECUTE FUNCTION bump_history_revisions(%L)',
            rollup.name || '_revision_delete', rollup.name, rollup.month_of_row);
        -- Only maintenance truncates a rollup: then no month may stay cached.
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT'
            ' EXECUTE FUNCTION forget_history_revisions()', rollup.name || '_revision_truncate', rollup.name);
    END LOOP;
END $$;

-- Months that already have rollups get a revision now: a month without one is never cached.
INSERT INTO history_revisions (user_id, month, revision)
SELECT user_id, month, nextval('history_revision_seq')
FROM play_month_totals m
JOIN users u ON u.id = m.user_id;

-- search_history matches track names as well as artist and album names (V8 indexed those).
CREATE INDEX tracks_name_trgm_idx ON tracks USING gin (name gin_trgm_ops);

-- The API also keeps each user's artist genres (per lower-cased name) in memory. Genres live in
-- the catalog, not in a user's rollups, so a change to any artist's name or genres bumps one
-- catalog-wide revision. Importers and polls insert artists without genres: they never fire it.
CREATE TABLE catalog_revisions (
    name     text PRIMARY KEY,
    revision bigint NOT NULL
);

INSERT INTO catalog_revisions (name, revision) VALUES ('artist_genres', nextval('history_revision_seq'));

CREATE FUNCTION bump_artist_genres_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_revisions SET revision = nextval('history_revision_seq') WHERE name = 'artist_genres';
    RETURN NULL;
END $$;

CREATE TRIGGER artists_genres_revision_insert AFTER INSERT ON artists FOR EACH ROW
    WHEN (NEW.genres IS NOT NULL) EXECUTE FUNCTION bump_artist_genres_revision();
CREATE TRIGGER artists_genres_revision_update AFTER UPDATE OF name, genres ON artists FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.genres IS DISTINCT FROM NEW.genres)
    EXECUTE FUNCTION bump_artist_genres_revision();
CREATE TRIGGER artists_genres_revision_delete AFTER DELETE ON artists FOR EACH ROW
    WHEN (OLD.genres IS NOT NULL) EXECUTE FUNCTION bump_artist_genres_revision();
