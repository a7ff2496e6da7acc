-- Upgrades a schema version 14 database to version 15. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 15.

-- The transactions that changed what a network over the whole register is computed from (the
-- pairs above, actors, countries, participants). The service keeps such a network with the
-- snapshot it was read in, and serves it again while no transaction in this table committed
-- outside that snapshot (`KeptNetworks`): 37,000 edges at a million letters are read once per
-- change, not once per request. One row per writing transaction, written by statement
-- triggers; concurrent writers insert different keys and never wait for each other.
CREATE TABLE network_change (
    txid  xid8 PRIMARY KEY
);

CREATE FUNCTION note_network_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO network_change (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER actor_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actor
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change();
CREATE TRIGGER country_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change();
CREATE TRIGGER letter_participant_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON letter_participant
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change();
CREATE TRIGGER census_by_actor_pair_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON census_by_actor_pair
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change();
CREATE TRIGGER census_by_country_pair_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON census_by_country_pair
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change();

-- Forgets the changes every session can see (schema.sql).
CREATE FUNCTION forget_network_changes() RETURNS void
LANGUAGE sql AS $$
    WITH forgotten AS (
        DELETE FROM network_change WHERE txid IN (
            SELECT txid FROM network_change WHERE txid < pg_snapshot_xmin(pg_current_snapshot()) FOR UPDATE SKIP LOCKED)
        RETURNING txid)
    INSERT INTO network_change (txid) SELECT pg_current_xact_id() WHERE EXISTS (SELECT FROM forgotten)
    ON CONFLICT DO NOTHING;
$$;

-- Settling also forgets the changes every session can see (schema.sql).
CREATE OR REPLACE FUNCTION settle_census() RETURNS void
LANGUAGE sql AS $$
    SELECT fold_census_by_actor_pair(array_agg(sender_id), array_agg(recipient_id))
    FROM (SELECT DISTINCT sender_id, recipient_id FROM census_by_actor_pair WHERE partial) AS k
    HAVING count(*) > 0;
    SELECT fold_census_by_country_pair(array_agg(sender_code), array_agg(recipient_code))
    FROM (SELECT DISTINCT sender_code, recipient_code FROM census_by_country_pair WHERE partial) AS k
    HAVING count(*) > 0;
    SELECT forget_network_changes();
$$;
