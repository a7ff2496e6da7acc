-- Upgrades a schema version 21 database to version 22. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 22.

-- A letter's citations, removed ones too (a citation's key is its own id): the letter's history
-- and an import of the register's own export read them by the letter they belong to.
CREATE INDEX history_citation_letter ON history (((coalesce(after, before) ->> 'letter_id')::bigint))
    WHERE table_name = 'citation';
-- An event's participants and an invitation's invitees, by the event or invitation their key names.
CREATE INDEX history_event_participant ON history (((row_key ->> 'event_id')::bigint))
    WHERE table_name = 'event_participant';
CREATE INDEX history_invitation_invitee ON history (((row_key ->> 'invitation_id')::bigint))
    WHERE table_name = 'invitation_invitee';
