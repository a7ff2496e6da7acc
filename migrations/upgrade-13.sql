-- Upgrades a schema version 12 database to version 13. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 13.

-- A date window's letters wider than 400 days are read in listing order, a page at a time: at a
-- million letters a window overlaps some ten thousand of them, and an index on their first day
-- alone left the planner to walk all of a country's (or the register's) entries in the listing
-- index instead (14 ms for a month of the register, 180 ms for a month of the busiest country
-- from a cold cache; under 1 ms each through these).
DROP INDEX letter_sent_wide;
CREATE INDEX letter_sent_wide_order ON letter (sent_sort, sent_latest, created_at, id) WHERE sent_latest > sent_earliest + 400;

DROP INDEX letter_by_party_wide;
CREATE INDEX letter_by_party_wide_order ON letter_by_party (party_id, sent_sort, sent_latest, created_at, letter_id) INCLUDE (sides)
    WHERE sent_latest > sent_earliest + 400;

DROP INDEX letter_by_country_pair_wide;
CREATE INDEX letter_by_country_pair_wide_order
    ON letter_by_country_pair (low_state_id, high_state_id, sent_sort, sent_latest, created_at, letter_id)
    WHERE sent_latest > sent_earliest + 400;
