-- Upgrades a schema version 1 database to version 2 (bulk import and export).
-- schema.sql stays the one description of the current schema; this file only brings older
-- databases to it, and SchemaMigrator runs it in the same transaction that records version 2.

ALTER TABLE actor
    ADD CONSTRAINT actor_viaf_unique UNIQUE (viaf_id),
    ADD CONSTRAINT actor_gnd_unique UNIQUE (gnd_id);

ALTER TABLE letter
    ADD COLUMN sent_place_geonames_id bigint,
    ADD COLUMN received_place_geonames_id bigint,
    ADD COLUMN provenance_id bigint,
    ADD COLUMN external_key text,
    ADD CONSTRAINT letter_provenance_fk FOREIGN KEY (provenance_id) REFERENCES source (id),
    ADD CONSTRAINT letter_geonames_positive CHECK (sent_place_geonames_id > 0 AND received_place_geonames_id > 0),
    ADD CONSTRAINT letter_external_key_complete CHECK ((provenance_id IS NULL) = (external_key IS NULL)),
    ADD CONSTRAINT letter_external_key_length CHECK (char_length(external_key) <= 500),
    ADD CONSTRAINT letter_external_key_unique UNIQUE (provenance_id, external_key);

CREATE INDEX letter_ref_pattern ON letter (ref text_pattern_ops);

-- History: statement-level triggers with transition tables replace the row-level ones.
DROP TRIGGER actor_history ON actor;
DROP TRIGGER actor_alias_history ON actor_alias;
DROP TRIGGER membership_history ON membership;
DROP TRIGGER role_held_history ON role_held;
DROP TRIGGER letter_history ON letter;
DROP TRIGGER letter_participant_history ON letter_participant;
DROP TRIGGER letter_link_history ON letter_link;
DROP TRIGGER event_history ON event;
DROP TRIGGER event_participant_history ON event_participant;
DROP TRIGGER letter_event_history ON letter_event;
DROP TRIGGER invitation_history ON invitation;
DROP TRIGGER invitation_invitee_history ON invitation_invitee;
DROP TRIGGER source_history ON source;
DROP TRIGGER citation_history ON citation;
DROP FUNCTION record_history();

-- Who made a change: the service layer sets chancery.changed_by for its transaction (the CLI
-- user, later an API token's name); plain SQL sessions are recorded as their database user.
-- Statement-level triggers with transition tables write one INSERT … SELECT per statement, so a
-- bulk import of a million letters is audited without a trigger call per row. The trigger's
-- arguments name the row's key columns; an UPDATE that leaves a row as it was is not recorded,
-- and one that changes a row's key is recorded as a DELETE and an INSERT.
CREATE FUNCTION record_history_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed_by text := coalesce(nullif(current_setting('chancery.changed_by', true), ''), session_user);
    key_image text := (SELECT string_agg(format('%L, img -> %L', k, k), ', ') FROM unnest(TG_ARGV) AS k);
    key_match text := (SELECT string_agg(format('o.img -> %L = n.img -> %L', k, k), ' AND ') FROM unnest(TG_ARGV) AS k);
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format($sql$
            INSERT INTO history (table_name, operation, row_key, changed_by, before, after)
            SELECT %L, 'INSERT', jsonb_build_object(%s), $1, NULL, img FROM (SELECT to_jsonb(n) AS img FROM new_rows n) r
            $sql$, TG_TABLE_NAME, key_image) USING changed_by;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format($sql$
            INSERT INTO history (table_name, operation, row_key, changed_by, before, after)
            SELECT %L, 'DELETE', jsonb_build_object(%s), $1, img, NULL FROM (SELECT to_jsonb(o) AS img FROM old_rows o) r
            $sql$, TG_TABLE_NAME, key_image) USING changed_by;
    ELSE
        EXECUTE format($sql$
            WITH o AS (SELECT to_jsonb(o) AS img FROM old_rows o), n AS (SELECT to_jsonb(n) AS img FROM new_rows n)
            INSERT INTO history (table_name, operation, row_key, changed_by, before, after)
            SELECT %1$L, CASE WHEN o.img IS NULL THEN 'INSERT' WHEN n.img IS NULL THEN 'DELETE' ELSE 'UPDATE' END,
                   (SELECT jsonb_build_object(%2$s) FROM (SELECT coalesce(n.img, o.img) AS img) k), $1, o.img, n.img
            FROM o FULL JOIN n ON %3$s
            WHERE o.img IS DISTINCT FROM n.img
            $sql$, TG_TABLE_NAME, key_image, key_match) USING changed_by;
    END IF;
    RETURN NULL;
END $$;

-- Three triggers per audited table (PostgreSQL allows transition tables on one event each).
DO $$
DECLARE
    audited record;
    arguments text;
BEGIN
    FOR audited IN SELECT * FROM (VALUES
        ('actor', ARRAY['id']), ('actor_alias', ARRAY['actor_id', 'alias']), ('membership', ARRAY['id']),
        ('role_held', ARRAY['id']), ('letter', ARRAY['id']), ('letter_participant', ARRAY['letter_id', 'role', 'position']),
        ('letter_link', ARRAY['letter_id', 'kind', 'target_id']), ('event', ARRAY['id']),
        ('event_participant', ARRAY['event_id', 'actor_id']), ('letter_event', ARRAY['letter_id', 'event_id']),
        ('invitation', ARRAY['id']), ('invitation_invitee', ARRAY['invitation_id', 'invitee_id']),
        ('source', ARRAY['id']), ('citation', ARRAY['id'])) AS t(table_name, key_columns)
    LOOP
        arguments := (SELECT string_agg(quote_literal(k), ', ') FROM unnest(audited.key_columns) AS k);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows(%s)',
                       audited.table_name || '_history_insert', audited.table_name, arguments);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows(%s)',
                       audited.table_name || '_history_update', audited.table_name, arguments);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows(%s)',
                       audited.table_name || '_history_delete', audited.table_name, arguments);
    END LOOP;
END $$;
