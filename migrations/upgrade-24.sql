-- Upgrades a schema version 23 database to version 24. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 24.

-- Events and invitations imported from another register's export remember where they were first
-- recorded, as letters do since version 23: given back to that register, or met again through a
-- third, they are found by these whatever their ref here, and only that register's files
-- correct them.
-- origin_as_of: when the export of that register this register last took the record from was
-- made, so that an older export of it, given after, does not roll the record back.
ALTER TABLE event
    ADD COLUMN origin_register uuid,
    ADD COLUMN origin_ref text,
    ADD COLUMN origin_as_of timestamptz,
    ADD CONSTRAINT event_origin_complete CHECK ((origin_register IS NULL) = (origin_ref IS NULL)),
    ADD CONSTRAINT event_origin_ref_format CHECK (is_reference_code(origin_ref));

CREATE UNIQUE INDEX event_origin ON event (origin_register, origin_ref) WHERE origin_register IS NOT NULL;

ALTER TABLE invitation
    ADD COLUMN origin_register uuid,
    ADD COLUMN origin_ref text,
    ADD COLUMN origin_as_of timestamptz,
    ADD CONSTRAINT invitation_origin_complete CHECK ((origin_register IS NULL) = (origin_ref IS NULL)),
    ADD CONSTRAINT invitation_origin_ref_format CHECK (is_reference_code(origin_ref));

CREATE UNIQUE INDEX invitation_origin ON invitation (origin_register, origin_ref) WHERE origin_register IS NOT NULL;
