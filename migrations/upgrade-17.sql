-- Upgrades a schema version 16 database to version 17. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 17.

-- The rows `forget_network_changes()` writes for itself are told from the changes they stand
-- for, and are no longer forgotten in turn: each run forgot the last run's rows and wrote its
-- own, so a network kept after any change was read again every run with nothing changed. Rows
-- such a run wrote before this upgrade count as changes, forgotten once more.
ALTER TABLE network_change ADD COLUMN marks_forgetting boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION forget_network_changes() RETURNS void
LANGUAGE sql AS $$
    WITH forgotten AS (
        DELETE FROM network_change WHERE (txid, input) IN (
            SELECT txid, input FROM network_change
            WHERE txid < pg_snapshot_xmin(pg_current_snapshot()) AND NOT marks_forgetting FOR UPDATE SKIP LOCKED)
        RETURNING input),
    replaced AS (
        DELETE FROM network_change WHERE (txid, input) IN (
            SELECT txid, input FROM network_change
            WHERE marks_forgetting AND txid <> pg_current_xact_id() AND input IN (SELECT input FROM forgotten)
            FOR UPDATE SKIP LOCKED))
    INSERT INTO network_change (txid, input, marks_forgetting) SELECT DISTINCT pg_current_xact_id(), input, true FROM forgotten
    ON CONFLICT DO NOTHING;
$$;
