-- Upgrades a schema version 8 database to version 9. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 9. `chancery db migrate` then loads the reference data.

-- When a state existed, for those that no longer do: the Soviet Union, 1922-12-30/1991-12-26.
ALTER TABLE actor
    ADD COLUMN existed_edtf text,
    ADD COLUMN existed_earliest date,
    ADD COLUMN existed_latest date,
    ADD COLUMN existed_precision date_precision,
    ADD CONSTRAINT actor_existed_complete CHECK (
        num_nulls(existed_edtf, existed_earliest, existed_latest, existed_precision) IN (0, 4)),
    ADD CONSTRAINT actor_existed_shape CHECK (is_edtf_shaped(existed_edtf)),
    ADD CONSTRAINT actor_existed_order CHECK (existed_earliest <= existed_latest),
    ADD CONSTRAINT actor_existed_only_for_states CHECK (existed_edtf IS NULL OR kind = 'state');

-- Adjectival and demonymic forms of a state's name ("Cambodian", "Indian", "French"), for search
-- and for reading news text. Shared by several states ("Dominican", "Congolese") where usage is.
CREATE TABLE demonym (
    state_id    bigint NOT NULL,
    state_kind  actor_kind NOT NULL DEFAULT 'state',
    word        text NOT NULL,
    language    text NOT NULL DEFAULT 'en',
    PRIMARY KEY (state_id, word),
    FOREIGN KEY (state_id, state_kind) REFERENCES actor (id, kind) ON DELETE CASCADE,
    CONSTRAINT demonym_of_state CHECK (state_kind = 'state'),
    CONSTRAINT demonym_not_blank CHECK (btrim(word) <> ''),
    CONSTRAINT demonym_length CHECK (char_length(word) <= 100),
    CONSTRAINT demonym_language CHECK (is_language_tag(language))
);

CREATE INDEX demonym_word ON demonym (lower(word));

CREATE TRIGGER demonym_history_insert AFTER INSERT ON demonym REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows('state_id', 'word');
CREATE TRIGGER demonym_history_update AFTER UPDATE ON demonym REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows('state_id', 'word');
CREATE TRIGGER demonym_history_delete AFTER DELETE ON demonym REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows('state_id', 'word');

-- What the reference loader (`chancery reference update`) has applied, one line per fact ("state
-- KH", "alias KH Kambodscha", "member ASEAN KH 1999-04-30/.."), so a reload adds only what is new
-- and never brings back what a user removed or changed.
CREATE TABLE reference_applied (
    entry       text PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
