-- Upgrades a schema version 7 database to version 8. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 8.

-- A reference half typed in a form's letter picker, in any case ("kh-us-20…").
CREATE INDEX letter_ref_upper ON letter (upper(ref) text_pattern_ops);

-- The register's counts read, for each selected letter, what they divide by; from the index
-- alone, rather than a visit to each letter's row, which for a country's thirty thousand letters
-- scattered through the table took most of the time.
CREATE INDEX letter_counted ON letter (id) INCLUDE (kind, sent_sort, awaiting_reply) WHERE deleted_at IS NULL;

-- A letter's parties and pairs, from the index alone (the register's counts read them for every
-- letter selected).
DROP INDEX letter_by_party_letter;
CREATE INDEX letter_by_party_letter ON letter_by_party (letter_id) INCLUDE (party_id, sides);
DROP INDEX letter_by_country_pair_letter;
CREATE INDEX letter_by_country_pair_letter ON letter_by_country_pair (letter_id) INCLUDE (low_state_id, high_state_id);
