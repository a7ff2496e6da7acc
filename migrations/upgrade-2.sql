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
