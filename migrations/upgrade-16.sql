-- Upgrades a schema version 15 database to version 16. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 16.

-- Version 15's changes did not say what they changed; every network is read afresh after the
-- upgrade anyway (the table is part of a kept network's server identity).
DROP TABLE network_change;

-- What networks are computed from: the pairs of actors, actors and participants (networks of
-- actors); country names (networks of states, read whole again after one changes); the pairs of
-- states (networks of states, brought up to date from the pairs whose rows were written since).
CREATE TYPE network_input AS ENUM ('actors', 'countries', 'country pairs');

-- The transactions that changed what a network over the whole register is computed from, and
-- what they changed. The service keeps such a network with the snapshot it was read in, and
-- serves it again while no transaction here that it depends on committed outside that snapshot
-- (`KeptNetworks`): 37,000 edges at a million letters are read once, then follow the pairs each
-- change writes. One row per writing transaction and input, written by statement triggers;
-- concurrent writers insert different keys and never wait for each other.
CREATE TABLE network_change (
    txid   xid8 NOT NULL,
    input  network_input NOT NULL,
    PRIMARY KEY (txid, input)
);

-- With the counts, so that a network of states reads its pairs in key order from the index
-- alone (schema.sql).
DROP INDEX census_by_country_pair_key;
CREATE INDEX census_by_country_pair_key ON census_by_country_pair (sender_code, recipient_code) INCLUDE (addressed, letters);

-- A kept country network is brought up to date from the pairs whose rows were written since it
-- was read (`KeptNetworks`).
CREATE INDEX census_by_country_pair_writer ON census_by_country_pair (written_by);

-- Notes a pair of states that lost its last letter (schema.sql).
CREATE OR REPLACE FUNCTION fold_census_by_country_pair(sender_codes char(2)[], recipient_codes char(2)[]) RETURNS void
LANGUAGE sql AS $$
    WITH keys AS (SELECT DISTINCT k.sender_code, k.recipient_code FROM unnest(sender_codes, recipient_codes) AS k(sender_code, recipient_code)),
    visible AS (
        SELECT t.sender_code, t.recipient_code, count(*) AS n FROM census_by_country_pair t
        JOIN keys k ON t.sender_code = k.sender_code AND t.recipient_code = k.recipient_code
        GROUP BY t.sender_code, t.recipient_code),
    picked AS (
        SELECT t.ctid AS row_id FROM census_by_country_pair t
        JOIN keys k ON t.sender_code = k.sender_code AND t.recipient_code = k.recipient_code
        FOR UPDATE OF t SKIP LOCKED),
    folded AS (
        DELETE FROM census_by_country_pair t WHERE t.ctid = ANY(ARRAY(SELECT row_id FROM picked))
        RETURNING t.sender_code, t.recipient_code, t.addressed, t.letters, t.written_by),
    -- A pair whose last letter went leaves no row to say it changed: networks kept before are
    -- read whole again.
    vanished AS (
        INSERT INTO network_change (txid, input)
        SELECT pg_current_xact_id(), 'countries'
        FROM folded f JOIN visible v ON v.sender_code = f.sender_code AND v.recipient_code = f.recipient_code
        GROUP BY f.sender_code, f.recipient_code, v.n
        HAVING (sum(f.addressed), sum(f.letters)) = (0, 0) AND count(*) = v.n
        LIMIT 1
        ON CONFLICT DO NOTHING)
    -- Partial as for the pairs of actors above.
    INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters, partial)
    SELECT f.sender_code, f.recipient_code, sum(f.addressed), sum(f.letters),
           count(*) < v.n OR bool_and(f.written_by = txid_current())
    FROM folded f JOIN visible v ON v.sender_code = f.sender_code AND v.recipient_code = f.recipient_code
    GROUP BY f.sender_code, f.recipient_code, v.n
    HAVING (sum(f.addressed), sum(f.letters)) <> (0, 0) OR count(*) < v.n;
$$;

-- Notes the input named by the trigger's argument. The pairs of states are followed by the rows
-- their writers insert (the functions below only insert and delete them); emptying them, or
-- changing rows in place, leaves no row to say which pairs changed, so it counts as a change of
-- countries.
CREATE OR REPLACE FUNCTION note_network_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO network_change (txid, input)
    VALUES (pg_current_xact_id(),
            CASE WHEN TG_OP IN ('TRUNCATE', 'UPDATE') AND TG_ARGV[0] = 'country pairs' THEN 'countries' ELSE TG_ARGV[0] END::network_input)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

DROP TRIGGER actor_network_change ON actor;
DROP TRIGGER country_network_change ON country;
DROP TRIGGER letter_participant_network_change ON letter_participant;
DROP TRIGGER census_by_actor_pair_network_change ON census_by_actor_pair;
DROP TRIGGER census_by_country_pair_network_change ON census_by_country_pair;

CREATE TRIGGER actor_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actor
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('actors');
CREATE TRIGGER country_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('countries');
CREATE TRIGGER letter_participant_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON letter_participant
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('actors');
CREATE TRIGGER census_by_actor_pair_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON census_by_actor_pair
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('actors');
CREATE TRIGGER census_by_country_pair_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON census_by_country_pair
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('country pairs');

-- Forgets the changes every session can see, keeping what they changed (schema.sql).
CREATE OR REPLACE FUNCTION forget_network_changes() RETURNS void
LANGUAGE sql AS $$
    WITH forgotten AS (
        DELETE FROM network_change WHERE (txid, input) IN (
            SELECT txid, input FROM network_change WHERE txid < pg_snapshot_xmin(pg_current_snapshot()) FOR UPDATE SKIP LOCKED)
        RETURNING input)
    INSERT INTO network_change (txid, input) SELECT DISTINCT pg_current_xact_id(), input FROM forgotten
    ON CONFLICT DO NOTHING;
$$;
