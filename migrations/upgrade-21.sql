-- Upgrades a schema version 20 database to version 21. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 21.

-- Exports carry the register's id, so that an import of this register's own file takes its refs
-- as naming the letters, events and invitations stored under them. A register upgraded gets its
-- id now: its earlier exports carry none and are read as before.
CREATE TABLE register_identity (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    id          uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO register_identity DEFAULT VALUES;
