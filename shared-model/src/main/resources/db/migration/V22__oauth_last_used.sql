-- When an access token of an authorization was last accepted on /mcp, for the admin's
-- "last used" column. Spring's authorization service names its columns in every insert,
-- update and select, so an extra column on its table is left alone; it disappears with
-- the authorization on revoke. Written at most once a minute per authorization.
alter table oauth2_authorization add column last_used_at timestamptz;
