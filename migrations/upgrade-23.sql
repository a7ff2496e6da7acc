-- Upgrades a schema version 22 database to version 23. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 23.

-- A letter imported from another register's export: that register's id and the letter's
-- reference there (the register it was first recorded in, when it came through a third).
-- References such as US-KH-2022-001 are made alike in every register, so one may take another
-- here; given back to its register, or met again, it is found by these whatever its ref.
ALTER TABLE letter
    ADD COLUMN origin_register uuid,
    ADD COLUMN origin_ref text,
    ADD CONSTRAINT letter_origin_complete CHECK ((origin_register IS NULL) = (origin_ref IS NULL)),
    ADD CONSTRAINT letter_origin_ref_format CHECK (is_reference_code(origin_ref));

CREATE UNIQUE INDEX letter_origin ON letter (origin_register, origin_ref) WHERE origin_register IS NOT NULL;
