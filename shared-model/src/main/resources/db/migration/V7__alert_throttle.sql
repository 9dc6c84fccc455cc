-- When each kind of alert was last sent, so that any number of service instances together send at
-- most one alert per kind and hour; `suppressed` counts the alerts held back since then.
CREATE TABLE alert_throttle (
    kind         text PRIMARY KEY,
    last_sent_at timestamptz NOT NULL,
    suppressed   integer     NOT NULL DEFAULT 0
);
