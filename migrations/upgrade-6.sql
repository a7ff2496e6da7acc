-- Upgrades a schema version 5 database to version 6. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 6.

-- Names and dates as written: a participant keeps the name the source uses and the editor's
-- marks on it; a letter keeps its dates as the source writes them. Every spelling becomes an alias.
ALTER TABLE letter
    ADD COLUMN sent_as_written text,
    ADD COLUMN received_as_written text,
    ADD CONSTRAINT letter_sent_as_written_length CHECK (char_length(sent_as_written) <= 500),
    ADD CONSTRAINT letter_received_as_written_length CHECK (char_length(received_as_written) <= 500);

ALTER TABLE letter_participant
    ADD COLUMN name_as_written text,
    ADD COLUMN name_supplied boolean NOT NULL DEFAULT false,
    ADD COLUMN name_uncertain boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT participant_name_as_written_not_blank CHECK (btrim(name_as_written) <> ''),
    ADD CONSTRAINT participant_name_as_written_length CHECK (char_length(name_as_written) <= 200);

CREATE FUNCTION record_names_as_written() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO actor_alias (actor_id, alias)
    SELECT DISTINCT n.actor_id, n.name_as_written
    FROM new_participants n JOIN actor a ON a.id = n.actor_id
    WHERE n.name_as_written IS NOT NULL AND lower(n.name_as_written) <> lower(a.name)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER letter_participant_names_as_written
    AFTER INSERT ON letter_participant REFERENCING NEW TABLE AS new_participants
    FOR EACH STATEMENT EXECUTE FUNCTION record_names_as_written();

-- Order of open-ended and undated letters: listings sort by the known bound when the other is
-- open (letter_sort_day), undated letters last.
CREATE FUNCTION letter_sort_day(earliest date, latest date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    CASE WHEN earliest <> '-infinity' THEN earliest WHEN latest <> 'infinity' THEN latest ELSE 'infinity'::date END;

ALTER TABLE letter ADD COLUMN sent_sort date GENERATED ALWAYS AS (letter_sort_day(sent_earliest, sent_latest)) STORED;
DROP INDEX letter_sent_bounds;
CREATE INDEX letter_sent_bounds ON letter (sent_sort, sent_latest, created_at, id);
DROP INDEX letter_awaiting_reply;
CREATE INDEX letter_awaiting_reply ON letter (sent_sort, sent_latest) WHERE awaiting_reply;

ALTER TABLE letter_by_party ADD COLUMN sent_sort date GENERATED ALWAYS AS (letter_sort_day(sent_earliest, sent_latest)) STORED;
DROP INDEX letter_by_party_order;
CREATE INDEX letter_by_party_order ON letter_by_party (party_id, sent_sort, sent_latest, created_at, letter_id) INCLUDE (sides);

ALTER TABLE letter_by_country_pair ADD COLUMN sent_sort date GENERATED ALWAYS AS (letter_sort_day(sent_earliest, sent_latest)) STORED;
DROP INDEX letter_by_country_pair_order;
CREATE INDEX letter_by_country_pair_order
    ON letter_by_country_pair (low_state_id, high_state_id, sent_sort, sent_latest, created_at, letter_id);
