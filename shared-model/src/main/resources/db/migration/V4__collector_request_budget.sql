-- The cluster-wide Spotify request budget (SPOTIFY_REQUESTS_PER_SECOND): one token-bucket row
-- that every collector updates atomically before each request, so the cap holds across instances.
-- tokens may go negative: a caller that drives it below zero has reserved a future slot and waits.
CREATE TABLE spotify_request_budget (
    name        text PRIMARY KEY,
    tokens      double precision NOT NULL,
    refilled_at timestamptz      NOT NULL
);
