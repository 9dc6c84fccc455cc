-- Spotify's 2026 rules.
--
-- Consent: since 2026 a refresh token works for six months after the listener's consent, however
-- often it is refreshed. consented_at is set on every /auth/callback; reconnect_by is consented_at
-- plus six months (SpotifyConsent.LIFETIME, in UTC). consent_reminded says which reminder went out
-- for this consent (0 none, 1 the 14-day one, 2 the 3-day one, 3 the expiry alert) and starts over
-- with each consent. consent_gap_id is the coverage gap kept open from the expiry until the
-- listener reconnects.
ALTER TABLE spotify_tokens
    ADD COLUMN consented_at     timestamptz,
    ADD COLUMN reconnect_by     timestamptz,
    ADD COLUMN consent_reminded smallint NOT NULL DEFAULT 0 CHECK (consent_reminded BETWEEN 0 AND 3),
    ADD COLUMN consent_gap_id   bigint;

-- Tokens stored before this migration keep consented_at NULL: when their listener last consented
-- is not known (updated_at moves with every refresh), and guessing early would stop collecting
-- listeners whose tokens still work. They show as unknown until the listener reconnects; if the
-- token expires first, Spotify's "Refresh token expired" answer is handled as a consent expiry.
CREATE INDEX spotify_tokens_reconnect_by_idx ON spotify_tokens (reconnect_by);

-- Why a coverage gap exists, in words; NULL for the gaps polling detects (more plays than the
-- API's 50-play memory).
ALTER TABLE coverage_gaps ADD COLUMN reason text;

ALTER TABLE spotify_tokens
    ADD CONSTRAINT spotify_tokens_consent_gap_fk FOREIGN KEY (consent_gap_id)
        REFERENCES coverage_gaps (id) ON DELETE SET NULL;

-- Quota: Spotify answered 429 QUOTA_EXCEEDED (or a Retry-After longer than the poll interval) to
-- a call made with this app, so every call with its client id waits until paused_until, on every
-- collector and API instance; kept beside spotify_request_budget, the cluster's request rate.
CREATE TABLE spotify_app_pauses (
    client_id    text PRIMARY KEY,
    paused_until timestamptz NOT NULL,
    paused_at    timestamptz NOT NULL,
    reason       text        NOT NULL
);
