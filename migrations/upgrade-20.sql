-- Upgrades a schema version 19 database to version 20. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 20.

-- A subject an import composed is composed again when a later import changes the correspondents.
-- Which stored subjects were composed is not recorded before this version: they stay as they are
-- (a subject is kept whenever its file gives none, as before).
ALTER TABLE letter ADD COLUMN subject_composed boolean NOT NULL DEFAULT false;
