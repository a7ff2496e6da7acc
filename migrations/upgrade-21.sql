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
-- The id is the register's for good: exports made under it would otherwise name no register.
CREATE FUNCTION refuse_register_identity_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the register''s id is kept for good'
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Exports carry it; an import knows the register''s own files by it.';
END $$;

CREATE TRIGGER register_identity_kept BEFORE UPDATE OR DELETE ON register_identity
    FOR EACH ROW EXECUTE FUNCTION refuse_register_identity_change();
CREATE TRIGGER register_identity_not_truncated BEFORE TRUNCATE ON register_identity
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_register_identity_change();
