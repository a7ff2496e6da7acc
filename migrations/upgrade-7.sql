-- Upgrades a schema version 6 database to version 7. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 7.

-- ---------------------------------------------------------------------------------------------
-- The web interface's people: accounts, sessions and failed sign-ins
-- ---------------------------------------------------------------------------------------------

-- A person who signs in to the web interface. The password is kept only as a bcrypt hash (salted,
-- slow); roles mean what they mean for tokens. Accounts are disabled, never deleted, and their
-- names never reused, so history's `user:<name>` keeps naming exactly one person.
CREATE TABLE app_user (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                 text NOT NULL,
    role                 api_role NOT NULL,
    password_hash        text NOT NULL,
    password_changed_at  timestamptz NOT NULL DEFAULT now(),
    created_at           timestamptz NOT NULL DEFAULT now(),
    created_by           text NOT NULL,
    disabled_at          timestamptz,
    CONSTRAINT app_user_name_format CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,62}$'),
    CONSTRAINT app_user_password_hash_format CHECK (password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$')
);

CREATE UNIQUE INDEX app_user_name_unique ON app_user (lower(name));

-- A signed-in browser. Only the SHA-256 of the cookie's secret is kept; several `serve` processes
-- share the table, so a session works whichever process answers. Signing out, disabling the
-- account or changing its password ends it here, on the server.
CREATE TABLE web_session (
    secret_hash  bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES app_user (id),
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    CONSTRAINT web_session_secret_hash_length CHECK (octet_length(secret_hash) = 32),
    CONSTRAINT web_session_csrf_token_length CHECK (char_length(csrf_token) >= 32),
    CONSTRAINT web_session_expiry_after_start CHECK (expires_at > created_at)
);

CREATE INDEX web_session_user ON web_session (user_id) WHERE ended_at IS NULL;

-- Failed sign-ins, counted per account and per client address over a recent window to slow and
-- then refuse guessing. Kept in the database so every `serve` process counts the same failures.
CREATE TABLE sign_in_failure (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account         text NOT NULL,
    client_address  text NOT NULL,
    failed_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sign_in_failure_account_length CHECK (char_length(account) <= 200)
);

CREATE INDEX sign_in_failure_by_account ON sign_in_failure (account, failed_at);
CREATE INDEX sign_in_failure_by_client ON sign_in_failure (client_address, failed_at);
