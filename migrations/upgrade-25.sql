-- Upgrades a schema version 24 database to version 25. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 25.

-- Letters keep when the export of the register they were first recorded in, which this register
-- last took them from, was made, as events and invitations do since version 24: an older export
-- of that register, given after a newer one, no longer rolls a letter back.
ALTER TABLE letter ADD COLUMN origin_as_of timestamptz;
