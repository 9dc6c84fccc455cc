-- Every record an import reads lands in exactly one counter, so the counts shown add up to the
-- records read: records_processed = records_inserted + duplicates + skipped_episodes
-- + skipped_no_track. `skipped` stays their sum for readers written before V11 (jobs imported
-- before V11 have only the sum). replaced_account_plays counts account-data plays (names only,
-- minute precision) that an extended-history record of the same listen replaced; they are
-- part of records_inserted, not extra plays.
ALTER TABLE import_jobs
    ADD COLUMN skipped_episodes       bigint NOT NULL DEFAULT 0,
    ADD COLUMN skipped_no_track       bigint NOT NULL DEFAULT 0,
    ADD COLUMN replaced_account_plays bigint NOT NULL DEFAULT 0;

-- Format codes named after what the formats are, not after one historical file name:
-- Streaming_History_Audio_* files are extended streaming history just as endsong_* were.
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_format_detected_check;
UPDATE import_jobs SET format_detected = CASE format_detected
        WHEN 'endsong' THEN 'extended'
        WHEN 'streaming_history' THEN 'account_data'
        ELSE format_detected END
WHERE format_detected IN ('endsong', 'streaming_history');
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_format_detected_check
    CHECK (format_detected IN ('extended', 'account_data', 'mixed'));

-- The same listen in an account-data export (artist and track names, no Spotify id) and in an
-- extended export or a poll (Spotify id) is recognised by the track's first artist and title,
-- compared case-insensitively with Unicode compatibility forms and runs of white space folded.
CREATE FUNCTION track_match_key(p_track integer) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT lower(normalize(regexp_replace(btrim(coalesce(a.name, '')), '\s+', ' ', 'g'), NFKC))
           || chr(31)
           || lower(normalize(regexp_replace(btrim(t.name), '\s+', ' ', 'g'), NFKC))
    FROM tracks t
    LEFT JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0
    LEFT JOIN artists a ON a.id = ta.artist_id
    WHERE t.id = p_track
$$;
