-- Artist genres and images are filled after the fact from Spotify's single-artist endpoint
-- (GET /artists/{id}; development-mode apps lost the batch one), a few artists per run of the
-- collector's artist-details task. details_checked_at says when Spotify was last asked:
-- an artist asked about is not asked again, unless Spotify gave it no genres or no image, and
-- then only after ARTIST_DETAILS_RETRY_AFTER (30 days by default).
--
-- genres keeps three states: NULL = not asked yet, '{}' = Spotify returned none (2026 rules:
-- genres can be absent), otherwise the genres. Moving from NULL to '{}' fires the existing
-- artists_genres_revision_update trigger, so the API's genre cache learns that the artist
-- was looked up and the tools can say "genres unavailable" rather than "not looked up yet".
ALTER TABLE artists ADD COLUMN details_checked_at timestamptz;

-- The task's pick: Spotify artists still lacking genres or an image, never-asked first, then
-- the longest ago. Artists with both drop out of the index; 'local:' rows (export-only
-- artists without a Spotify id) are never in it.
CREATE INDEX artists_details_due_idx ON artists (details_checked_at NULLS FIRST, id)
    WHERE spotify_id NOT LIKE 'local:%' AND (genres IS NULL OR genres = '{}' OR image_url IS NULL);

-- Export-only artists ('local:' ids: an export names the artist but gives only the track's
-- Spotify id) are looked up through a track of theirs (GET /tracks/{id}); the Spotify artist found
-- is added as a row of its own under the same name, so its genres and image serve the export's
-- plays too. details_checked_at on the 'local:' row says when that was tried.
CREATE INDEX artists_export_only_idx ON artists (details_checked_at NULLS FIRST, id)
    WHERE spotify_id LIKE 'local:%';
