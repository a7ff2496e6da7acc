-- Upgrades a schema version 3 database to version 4: what the HTTP API needs. Letters get a
-- revision (the API's ETag) and a soft delete that takes them out of every listing; API tokens
-- (only their hashes) and idempotent requests get tables. schema.sql stays the one description
-- of the current schema; this file repeats the parts that changed, and SchemaMigrator runs it in
-- the transaction that records version 4.

ALTER TABLE letter ADD COLUMN revision integer NOT NULL DEFAULT 1;
ALTER TABLE letter ADD COLUMN deleted_at timestamptz;

DROP TRIGGER letter_touch ON letter;
DROP FUNCTION touch_updated_at();

CREATE FUNCTION touch_letter() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    NEW.revision := OLD.revision + 1;
    RETURN NEW;
END $$;

CREATE TRIGGER letter_touch BEFORE UPDATE ON letter
    FOR EACH ROW EXECUTE FUNCTION touch_letter();

CREATE OR REPLACE FUNCTION relist_letters(letter_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM letter_by_party b USING unnest(letter_ids) AS c(id) WHERE b.letter_id = c.id;
    DELETE FROM letter_by_country_pair b USING unnest(letter_ids) AS c(id) WHERE b.letter_id = c.id;
    INSERT INTO letter_by_party (party_id, letter_id, sides, sent_earliest, sent_latest, created_at)
    SELECT x.party_id, l.id, bit_or(x.side)::smallint, l.sent_earliest, l.sent_latest, l.created_at
    FROM (SELECT DISTINCT id FROM unnest(letter_ids) AS c(id)) c
    JOIN letter l ON l.id = c.id AND l.deleted_at IS NULL
    JOIN letter_participant p ON p.letter_id = l.id
    CROSS JOIN LATERAL (VALUES (p.actor_id), (p.represents_id)) AS party(id)
    CROSS JOIN LATERAL (SELECT party.id AS party_id,
                               CASE WHEN p.role IN ('author', 'signatory') THEN 1
                                    WHEN p.role IN ('recipient', 'cc') THEN 2 ELSE 4 END AS side) AS x
    WHERE x.party_id IS NOT NULL
    GROUP BY x.party_id, l.id;
    INSERT INTO letter_by_country_pair (low_state_id, high_state_id, letter_id, sent_earliest, sent_latest, created_at)
    SELECT DISTINCT least(s.state_id, r.state_id), greatest(s.state_id, r.state_id), l.id,
           l.sent_earliest, l.sent_latest, l.created_at
    FROM (SELECT DISTINCT id FROM unnest(letter_ids) AS c(id)) c
    JOIN letter l ON l.id = c.id AND l.deleted_at IS NULL
    JOIN letter_participant_state s ON s.letter_id = l.id AND s.role IN ('author', 'signatory')
    JOIN letter_participant_state r ON r.letter_id = l.id AND r.role IN ('recipient', 'cc')
    WHERE s.state_id <> r.state_id;
$$;

CREATE OR REPLACE FUNCTION relist_redated_letters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM relist_letters(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.sent_earliest, n.sent_latest, n.created_at, n.deleted_at IS NULL)
              IS DISTINCT FROM (o.sent_earliest, o.sent_latest, o.created_at, o.deleted_at IS NULL)));
    RETURN NULL;
END $$;

-- Readers read; editors also write; admins also manage tokens.
CREATE TYPE api_role AS ENUM ('reader', 'editor', 'admin');

-- A token's secret is shown once, when it is made; only its SHA-256 is kept, so a copy of the
-- database does not give access. Revoked tokens stay, so history keeps naming who they were.
CREATE TABLE api_token (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL,
    role         api_role NOT NULL,
    secret_hash  bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL,
    revoked_at   timestamptz,
    CONSTRAINT api_token_name_format CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,62}$'),
    CONSTRAINT api_token_secret_hash_length CHECK (octet_length(secret_hash) = 32),
    CONSTRAINT api_token_secret_hash_unique UNIQUE (secret_hash)
);

-- One name per token ever issued: history rows name tokens, so a name is never reused.
CREATE UNIQUE INDEX api_token_name_unique ON api_token (lower(name));

-- A request retried with the same Idempotency-Key returns what the first one did instead of
-- creating a second record. The key is claimed in the transaction that creates the record, so
-- the record and its key are committed together or not at all. `fingerprint` is the SHA-256 of
-- the method, path and body: the same key with another request is refused.
CREATE TABLE idempotent_request (
    scope        text NOT NULL,
    key          text NOT NULL,
    fingerprint  bytea NOT NULL,
    result       jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key),
    CONSTRAINT idempotent_request_key_length CHECK (char_length(key) BETWEEN 1 AND 255)
);

CREATE INDEX idempotent_request_age ON idempotent_request (created_at);

CREATE TRIGGER api_token_history_insert AFTER INSERT ON api_token REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows('id');
CREATE TRIGGER api_token_history_update AFTER UPDATE ON api_token REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows('id');
CREATE TRIGGER api_token_history_delete AFTER DELETE ON api_token REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows('id');

-- A letter's detail lists the invitations it extends; deleting a letter checks them too.
CREATE INDEX invitation_letter ON invitation (letter_id);
