-- Upgrades a schema version 10 database to version 11. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 11.

-- The listing triggers step aside while an import holds `chancery.relist_deferred`: the import
-- refreshes the planner's statistics and then relists its letters in one pass (found by the
-- kill -9 drill: after a killed import's rows were vacuumed, the next import's relisting was
-- planned for empty tables and ran for hours).
CREATE OR REPLACE FUNCTION relist_changed_participants() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('chancery.relist_deferred', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM relist_letters(ARRAY(SELECT DISTINCT letter_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM relist_letters(ARRAY(SELECT DISTINCT letter_id FROM old_rows));
    ELSE
        PERFORM relist_letters(ARRAY(SELECT letter_id FROM new_rows UNION SELECT letter_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION relist_redated_letters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('chancery.relist_deferred', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM relist_letters(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.sent_earliest, n.sent_latest, n.created_at, n.deleted_at IS NULL)
              IS DISTINCT FROM (o.sent_earliest, o.sent_latest, o.created_at, o.deleted_at IS NULL)));
    RETURN NULL;
END $$;
