-- Upgrades a schema version 9 database to version 10. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 10.

-- Who was merged into whom (`chancery actor merge`): the duplicate's row is gone, and this says
-- where its letters, names and ids went, when and by whom, for the kept actor's profile and for
-- a second merge of the same name. A later merge of the kept actor carries these rows along.
CREATE TABLE actor_merge (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kept_id          bigint NOT NULL REFERENCES actor (id),
    merged_actor_id  bigint NOT NULL,
    merged_name      text NOT NULL,
    merged_kind      actor_kind NOT NULL,
    merged_at        timestamptz NOT NULL DEFAULT now(),
    merged_by        text NOT NULL,
    -- What moved, as the merge reported it (participations, roles, aliases…).
    moved            jsonb NOT NULL,
    CONSTRAINT actor_merge_name_not_blank CHECK (btrim(merged_name) <> ''),
    CONSTRAINT actor_merge_moved_object CHECK (jsonb_typeof(moved) = 'object')
);

CREATE INDEX actor_merge_kept ON actor_merge (kept_id);
CREATE INDEX actor_merge_name ON actor_merge (lower(merged_name));
