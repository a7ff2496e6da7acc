-- Upgrades a schema version 17 database to version 18. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 18.

-- Sources can be corrected: each has a revision (its ETag), and correcting what a letter shows of
-- a source moves the revision of every letter citing it.
ALTER TABLE source ADD COLUMN revision integer NOT NULL DEFAULT 1;

CREATE FUNCTION touch_source() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := OLD.revision + 1;
    RETURN NEW;
END $$;

CREATE TRIGGER source_touch BEFORE UPDATE ON source
    FOR EACH ROW EXECUTE FUNCTION touch_source();

CREATE FUNCTION touch_letters_citing_sources() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE letter SET revision = revision
    WHERE deleted_at IS NULL AND id IN (
        SELECT c.letter_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN citation c ON c.source_id = n.id
        WHERE c.letter_id IS NOT NULL
          AND (n.kind, n.title, n.publisher, n.url, n.published_edtf)
              IS DISTINCT FROM (o.kind, o.title, o.publisher, o.url, o.published_edtf));
    RETURN NULL;
END $$;

CREATE TRIGGER source_touch_citing_letters AFTER UPDATE ON source
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_letters_citing_sources();
