-- Imports no longer refresh their rollups in two steps: apply_plays_to_rollups (R__rollups.sql)
-- counts every rollup of the job's months at once. The old refresh functions go.
DROP FUNCTION IF EXISTS refresh_user_track_totals(integer, timestamptz, timestamptz);
DROP FUNCTION IF EXISTS refresh_history_rollups(integer, timestamptz, timestamptz);

-- Per-month totals were read by no tool (windows sum the per-track months); one rollup fewer to
-- keep. The month revisions it once seeded (V10) are kept by the other month rollups.
DROP TABLE play_month_totals;
