-- One rollup path: plays reach the rollups only through apply_plays_to_rollups (R__rollups.sql),
-- called by the two writers of plays (the collector's polls and the importer) in the transaction
-- that wrote them. The statement triggers on plays, their per-batch deferral for imports and the
-- importer's two-step refresh go. The catalog triggers (a new artist of a played track, a played
-- track that gets an album) and the time-zone trigger on users stay: they follow catalog and
-- user changes, not plays.
DROP TRIGGER plays_rollup_after_insert ON plays;
DROP TRIGGER plays_rollup_after_delete ON plays;
DROP TRIGGER plays_rollup_v8_after_insert ON plays;
DROP TRIGGER plays_rollup_v8_after_delete ON plays;
DROP FUNCTION plays_rollup_insert();
DROP FUNCTION plays_rollup_delete();
DROP FUNCTION plays_rollup_v8_insert();
DROP FUNCTION plays_rollup_v8_delete();
DROP FUNCTION rollups_deferred();
DROP FUNCTION refresh_user_track_totals(integer, timestamptz, timestamptz);
DROP FUNCTION refresh_history_rollups(integer, timestamptz, timestamptz);

-- Per-month totals were read by no tool (windows sum the per-track months); one rollup fewer to
-- keep. The month revisions it once seeded (V10) are kept by the other month rollups.
DROP TABLE play_month_totals;
