-- Imports no longer refresh their rollups in two steps: apply_plays_to_rollups (R__rollups.sql)
-- counts every rollup of the job's months at once. The old refresh functions go.
DROP FUNCTION IF EXISTS refresh_user_track_totals(integer, timestamptz, timestamptz);
DROP FUNCTION IF EXISTS refresh_history_rollups(integer, timestamptz, timestamptz);
