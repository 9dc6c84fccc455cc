-- MCP OAuth 2.1: the tables of Spring Security's authorization server (registered
-- clients, authorizations, consents) and its signing keys, in PostgreSQL so that any API
-- instance serves any step of a flow and restarts keep issued tokens valid. Column types
-- follow the schema shipped with Spring Security, with text for blob and timestamptz for
-- timestamp as its PostgreSQL notes ask.

-- client_id is wider than Spring's 100 characters: clients that use Client ID Metadata
-- Documents are identified by the https URL of their document.
create table oauth2_registered_client (
    id varchar(100) not null primary key,
    client_id varchar(1000) not null unique,
    client_id_issued_at timestamptz not null default current_timestamp,
    client_secret varchar(200),
    client_secret_expires_at timestamptz,
    client_name varchar(200) not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types varchar(1000) not null,
    redirect_uris varchar(1000),
    post_logout_redirect_uris varchar(1000),
    scopes varchar(1000) not null,
    client_settings varchar(2000) not null,
    token_settings varchar(2000) not null
);

create table oauth2_authorization (
    id varchar(100) not null primary key,
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorization_grant_type varchar(100) not null,
    authorized_scopes varchar(1000),
    attributes text,
    state varchar(500),
    authorization_code_value text,
    authorization_code_issued_at timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata text,
    access_token_value text,
    access_token_issued_at timestamptz,
    access_token_expires_at timestamptz,
    access_token_metadata text,
    access_token_type varchar(100),
    access_token_scopes varchar(1000),
    oidc_id_token_value text,
    oidc_id_token_issued_at timestamptz,
    oidc_id_token_expires_at timestamptz,
    oidc_id_token_metadata text,
    refresh_token_value text,
    refresh_token_issued_at timestamptz,
    refresh_token_expires_at timestamptz,
    refresh_token_metadata text,
    user_code_value text,
    user_code_issued_at timestamptz,
    user_code_expires_at timestamptz,
    user_code_metadata text,
    device_code_value text,
    device_code_issued_at timestamptz,
    device_code_expires_at timestamptz,
    device_code_metadata text
);

-- The token endpoint, the revocation endpoint and every /mcp call look authorizations up
-- by token value; hash indexes keep those lookups small for long JWT values.
create index oauth2_authorization_state on oauth2_authorization using hash (state);
create index oauth2_authorization_code on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_refresh on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_principal on oauth2_authorization (principal_name, registered_client_id);

create table oauth2_authorization_consent (
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorities varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- RSA keys that sign access tokens. The private key is Fernet-encrypted with
-- TOKEN_ENCRYPTION_KEY; the newest key signs, every key verifies, so rotate-oauth-key can
-- add a key without invalidating tokens already issued.
create table oauth_signing_keys (
    kid varchar(64) not null primary key,
    public_key text not null,
    private_key_encrypted text not null,
    created_at timestamptz not null default now()
);
