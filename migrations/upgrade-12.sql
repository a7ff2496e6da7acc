-- Upgrades a schema version 11 database to version 12. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 12.

-- ---------------------------------------------------------------------------------------------
-- The register's counts: kept current by the listing triggers, so that `chancery stats`, the
-- network and `GET /v1/stats` read a few thousand rows instead of every letter
-- ---------------------------------------------------------------------------------------------

-- What each letter counted for when it was last relisted, so that a change can take exactly
-- that away again: its year and kind (a deleted letter has no row) ...
CREATE TABLE letter_census (
    letter_id  bigint PRIMARY KEY,
    -- The earliest bound's year; an open start falls back to the latest bound's; NULL: undated.
    year       integer,
    kind       letter_kind NOT NULL
);

-- ... and each pair of a sender (author, signatory) and an addressee (recipient, cc), with the
-- state each stands for (itself, or the state it acts for) and whether the pair holds a
-- recipient rather than only a copy.
CREATE TABLE letter_edge (
    letter_id       bigint NOT NULL,
    sender_id       bigint NOT NULL,
    recipient_id    bigint NOT NULL,
    sender_code     char(2),
    recipient_code  char(2),
    addressed       boolean NOT NULL
);

CREATE INDEX letter_edge_letter ON letter_edge (letter_id);

CREATE VIEW letter_census_source AS
SELECT l.id AS letter_id,
       CASE WHEN isfinite(l.sent_earliest) THEN extract(year FROM l.sent_earliest)::integer
            WHEN isfinite(l.sent_latest) THEN extract(year FROM l.sent_latest)::integer END AS year,
       l.kind
FROM letter l
WHERE l.deleted_at IS NULL;

CREATE VIEW letter_edge_source AS
SELECT s.letter_id, s.actor_id AS sender_id, r.actor_id AS recipient_id,
       coalesce(sa.iso_code, sr.iso_code) AS sender_code, coalesce(ra.iso_code, rr.iso_code) AS recipient_code,
       bool_or(r.role = 'recipient') AS addressed
FROM letter l
JOIN letter_participant s ON s.letter_id = l.id AND s.role IN ('author', 'signatory')
JOIN letter_participant r ON r.letter_id = l.id AND r.role IN ('recipient', 'cc')
JOIN actor sa ON sa.id = s.actor_id
JOIN actor ra ON ra.id = r.actor_id
LEFT JOIN actor sr ON sr.id = s.represents_id
LEFT JOIN actor rr ON rr.id = r.represents_id
WHERE l.deleted_at IS NULL
GROUP BY s.letter_id, s.actor_id, r.actor_id, 4, 5;

-- The counts. Writers append the change they make as a row and fold the rows of the keys they
-- touched into one, skipping rows another open transaction holds (FOR UPDATE SKIP LOCKED):
-- writers never wait for each other here and cannot deadlock, and a reader's sum over a key's
-- committed rows is exact at its snapshot. A key usually has one row.
CREATE TABLE census_by_year_kind (
    year     integer,
    kind     letter_kind NOT NULL,
    letters  integer NOT NULL
);

CREATE INDEX census_by_year_kind_key ON census_by_year_kind (kind, year);

-- Letters per party (a participant, or the state or organization one acts for), per side.
CREATE TABLE census_by_party (
    party_id  bigint NOT NULL,
    sent      integer NOT NULL,
    received  integer NOT NULL,
    conveyed  integer NOT NULL,
    letters   integer NOT NULL
);

CREATE INDEX census_by_party_key ON census_by_party (party_id);

-- Letters per sender and addressee: `addressed` those with the addressee as a recipient,
-- `letters` those with it as a recipient or a copy recipient. Half a million pairs at a million
-- letters are too many to sum for every `stats`, so the busiest pairs are read off an index:
-- a row is `partial` when its key may have other rows (its writer could not lock them all, or
-- the key was new to it and another writer may have made it too); the other keys have exactly
-- one row. `settle_census()` folds partial keys again once their writers have committed.
CREATE TABLE census_by_actor_pair (
    sender_id     bigint NOT NULL,
    recipient_id  bigint NOT NULL,
    addressed     integer NOT NULL,
    letters       integer NOT NULL,
    partial       boolean NOT NULL DEFAULT true,
    written_by    bigint NOT NULL DEFAULT txid_current()
);

CREATE INDEX census_by_actor_pair_key ON census_by_actor_pair (sender_id, recipient_id);
CREATE INDEX census_by_actor_pair_busiest ON census_by_actor_pair (addressed DESC) WHERE NOT partial;
CREATE INDEX census_by_actor_pair_partial ON census_by_actor_pair (sender_id, recipient_id) WHERE partial;

CREATE TABLE census_by_country_pair (
    sender_code     char(2) NOT NULL,
    recipient_code  char(2) NOT NULL,
    addressed       integer NOT NULL,
    letters         integer NOT NULL
);

CREATE INDEX census_by_country_pair_key ON census_by_country_pair (sender_code, recipient_code);

CREATE FUNCTION fold_census_by_year_kind(years integer[], kinds letter_kind[]) RETURNS void
LANGUAGE sql AS $$
    WITH picked AS (
        SELECT t.ctid AS row_id FROM census_by_year_kind t
        JOIN unnest(years, kinds) AS k(year, kind) ON t.kind = k.kind AND t.year IS NOT DISTINCT FROM k.year
        FOR UPDATE OF t SKIP LOCKED),
    folded AS (
        DELETE FROM census_by_year_kind t WHERE t.ctid = ANY(ARRAY(SELECT row_id FROM picked))
        RETURNING t.year, t.kind, t.letters)
    INSERT INTO census_by_year_kind (year, kind, letters)
    SELECT year, kind, sum(letters) FROM folded GROUP BY year, kind HAVING sum(letters) <> 0;
$$;

CREATE FUNCTION fold_census_by_party(party_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    WITH picked AS (
        SELECT t.ctid AS row_id FROM census_by_party t JOIN unnest(party_ids) AS k(id) ON t.party_id = k.id
        FOR UPDATE OF t SKIP LOCKED),
    folded AS (
        DELETE FROM census_by_party t WHERE t.ctid = ANY(ARRAY(SELECT row_id FROM picked))
        RETURNING t.party_id, t.sent, t.received, t.conveyed, t.letters)
    INSERT INTO census_by_party (party_id, sent, received, conveyed, letters)
    SELECT party_id, sum(sent), sum(received), sum(conveyed), sum(letters) FROM folded GROUP BY party_id
    HAVING (sum(sent), sum(received), sum(conveyed), sum(letters)) <> (0, 0, 0, 0);
$$;

CREATE FUNCTION fold_census_by_actor_pair(sender_ids bigint[], recipient_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    WITH keys AS (SELECT DISTINCT k.sender_id, k.recipient_id FROM unnest(sender_ids, recipient_ids) AS k(sender_id, recipient_id)),
    visible AS (
        SELECT t.sender_id, t.recipient_id, count(*) AS n FROM census_by_actor_pair t
        JOIN keys k ON t.sender_id = k.sender_id AND t.recipient_id = k.recipient_id
        GROUP BY t.sender_id, t.recipient_id),
    picked AS (
        SELECT t.ctid AS row_id FROM census_by_actor_pair t
        JOIN keys k ON t.sender_id = k.sender_id AND t.recipient_id = k.recipient_id
        FOR UPDATE OF t SKIP LOCKED),
    folded AS (
        DELETE FROM census_by_actor_pair t WHERE t.ctid = ANY(ARRAY(SELECT row_id FROM picked))
        RETURNING t.sender_id, t.recipient_id, t.addressed, t.letters, t.written_by)
    -- Partial: rows of the key were visible but held by another transaction, or every row was
    -- this transaction's own (another may be making the same key unseen).
    INSERT INTO census_by_actor_pair (sender_id, recipient_id, addressed, letters, partial)
    SELECT f.sender_id, f.recipient_id, sum(f.addressed), sum(f.letters),
           count(*) < v.n OR bool_and(f.written_by = txid_current())
    FROM folded f JOIN visible v ON v.sender_id = f.sender_id AND v.recipient_id = f.recipient_id
    GROUP BY f.sender_id, f.recipient_id, v.n
    HAVING (sum(f.addressed), sum(f.letters)) <> (0, 0) OR count(*) < v.n;
$$;

-- Folds the partial keys again, in a transaction of its own after their writers committed (an
-- import calls it); keys still held by a writer stay partial. The counts are exact either way.
CREATE FUNCTION settle_census() RETURNS void
LANGUAGE sql AS $$
    SELECT fold_census_by_actor_pair(array_agg(sender_id), array_agg(recipient_id))
    FROM (SELECT DISTINCT sender_id, recipient_id FROM census_by_actor_pair WHERE partial) AS k
    HAVING count(*) > 0;
$$;

CREATE FUNCTION fold_census_by_country_pair(sender_codes char(2)[], recipient_codes char(2)[]) RETURNS void
LANGUAGE sql AS $$
    WITH picked AS (
        SELECT t.ctid AS row_id FROM census_by_country_pair t
        JOIN unnest(sender_codes, recipient_codes) AS k(sender_code, recipient_code)
          ON t.sender_code = k.sender_code AND t.recipient_code = k.recipient_code
        FOR UPDATE OF t SKIP LOCKED),
    folded AS (
        DELETE FROM census_by_country_pair t WHERE t.ctid = ANY(ARRAY(SELECT row_id FROM picked))
        RETURNING t.sender_code, t.recipient_code, t.addressed, t.letters)
    INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters)
    SELECT sender_code, recipient_code, sum(addressed), sum(letters) FROM folded GROUP BY sender_code, recipient_code
    HAVING (sum(addressed), sum(letters)) <> (0, 0);
$$;

-- Takes away what some letters counted for and counts them as they are now (relist_letters
-- calls it; the counts by party follow letter_by_party there).
CREATE FUNCTION recount_letters(letter_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    years integer[];
    kinds letter_kind[];
    sender_ids bigint[];
    recipient_ids bigint[];
    sender_codes char(2)[];
    recipient_codes char(2)[];
BEGIN
    WITH gone AS (
        DELETE FROM letter_census c USING unnest(letter_ids) AS k(id) WHERE c.letter_id = k.id
        RETURNING c.year, c.kind, -1 AS change),
    added AS (
        INSERT INTO letter_census (letter_id, year, kind)
        SELECT s.letter_id, s.year, s.kind FROM letter_census_source s WHERE s.letter_id = ANY(letter_ids)
        RETURNING year, kind, 1 AS change),
    appended AS (
        INSERT INTO census_by_year_kind (year, kind, letters)
        SELECT year, kind, sum(change) FROM (SELECT * FROM gone UNION ALL SELECT * FROM added) AS d
        GROUP BY year, kind HAVING sum(change) <> 0
        RETURNING year, kind)
    SELECT array_agg(year), array_agg(kind) INTO years, kinds FROM appended;
    IF years IS NOT NULL THEN
        PERFORM fold_census_by_year_kind(years, kinds);
    END IF;

    WITH gone AS (
        DELETE FROM letter_edge e USING unnest(letter_ids) AS k(id) WHERE e.letter_id = k.id
        RETURNING e.letter_id, e.sender_id, e.recipient_id, e.sender_code, e.recipient_code, e.addressed, -1 AS change),
    added AS (
        INSERT INTO letter_edge (letter_id, sender_id, recipient_id, sender_code, recipient_code, addressed)
        SELECT s.letter_id, s.sender_id, s.recipient_id, s.sender_code, s.recipient_code, s.addressed
        FROM letter_edge_source s WHERE s.letter_id = ANY(letter_ids)
        RETURNING letter_id, sender_id, recipient_id, sender_code, recipient_code, addressed, 1 AS change),
    changed AS (SELECT * FROM gone UNION ALL SELECT * FROM added),
    -- A letter counts once per pair, whatever capacities and copies repeat the pair in it.
    actor_pairs AS (
        SELECT sender_id, recipient_id, change, bool_or(addressed) AS addressed
        FROM changed GROUP BY letter_id, sender_id, recipient_id, change),
    country_pairs AS (
        SELECT sender_code, recipient_code, change, bool_or(addressed) AS addressed
        FROM changed WHERE sender_code IS NOT NULL AND recipient_code IS NOT NULL
        GROUP BY letter_id, sender_code, recipient_code, change),
    actor_appended AS (
        INSERT INTO census_by_actor_pair (sender_id, recipient_id, addressed, letters)
        SELECT sender_id, recipient_id, sum(CASE WHEN addressed THEN change ELSE 0 END), sum(change)
        FROM actor_pairs GROUP BY sender_id, recipient_id
        HAVING (sum(CASE WHEN addressed THEN change ELSE 0 END), sum(change)) <> (0, 0)
        RETURNING sender_id, recipient_id),
    country_appended AS (
        INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters)
        SELECT sender_code, recipient_code, sum(CASE WHEN addressed THEN change ELSE 0 END), sum(change)
        FROM country_pairs GROUP BY sender_code, recipient_code
        HAVING (sum(CASE WHEN addressed THEN change ELSE 0 END), sum(change)) <> (0, 0)
        RETURNING sender_code, recipient_code)
    SELECT (SELECT array_agg(sender_id ORDER BY sender_id, recipient_id) FROM actor_appended),
           (SELECT array_agg(recipient_id ORDER BY sender_id, recipient_id) FROM actor_appended),
           (SELECT array_agg(sender_code ORDER BY sender_code, recipient_code) FROM country_appended),
           (SELECT array_agg(recipient_code ORDER BY sender_code, recipient_code) FROM country_appended)
    INTO sender_ids, recipient_ids, sender_codes, recipient_codes;
    IF sender_ids IS NOT NULL THEN
        PERFORM fold_census_by_actor_pair(sender_ids, recipient_ids);
    END IF;
    IF sender_codes IS NOT NULL THEN
        PERFORM fold_census_by_country_pair(sender_codes, recipient_codes);
    END IF;
END $$;

-- Counts every letter afresh: installs the counts on an existing register (upgrade-12.sql).
CREATE FUNCTION rebuild_letter_census() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE letter_census, letter_edge, census_by_year_kind, census_by_party, census_by_actor_pair,
             census_by_country_pair;
    INSERT INTO letter_census (letter_id, year, kind) SELECT letter_id, year, kind FROM letter_census_source;
    INSERT INTO letter_edge (letter_id, sender_id, recipient_id, sender_code, recipient_code, addressed)
    SELECT letter_id, sender_id, recipient_id, sender_code, recipient_code, addressed FROM letter_edge_source;
    INSERT INTO census_by_year_kind (year, kind, letters)
    SELECT year, kind, count(*) FROM letter_census GROUP BY year, kind;
    INSERT INTO census_by_party (party_id, sent, received, conveyed, letters)
    SELECT party_id, count(*) FILTER (WHERE sides & 1 <> 0), count(*) FILTER (WHERE sides & 2 <> 0),
           count(*) FILTER (WHERE sides & 4 <> 0), count(*)
    FROM letter_by_party GROUP BY party_id;
    INSERT INTO census_by_actor_pair (sender_id, recipient_id, addressed, letters, partial)
    SELECT sender_id, recipient_id, count(*) FILTER (WHERE addressed), count(*), false
    FROM (SELECT letter_id, sender_id, recipient_id, bool_or(addressed) AS addressed
          FROM letter_edge GROUP BY letter_id, sender_id, recipient_id) AS p
    GROUP BY sender_id, recipient_id;
    INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters)
    SELECT sender_code, recipient_code, count(*) FILTER (WHERE addressed), count(*)
    FROM (SELECT letter_id, sender_code, recipient_code, bool_or(addressed) AS addressed
          FROM letter_edge WHERE sender_code IS NOT NULL AND recipient_code IS NOT NULL
          GROUP BY letter_id, sender_code, recipient_code) AS p
    GROUP BY sender_code, recipient_code;
$$;

-- Rebuilds the listing rows of some letters from their participants and dates, and recounts them.
CREATE OR REPLACE FUNCTION relist_letters(letter_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    parties bigint[];
BEGIN
    letter_ids := ARRAY(SELECT DISTINCT id FROM unnest(letter_ids) AS c(id) WHERE id IS NOT NULL);
    WITH gone AS (
        DELETE FROM letter_by_party b USING unnest(letter_ids) AS c(id) WHERE b.letter_id = c.id
        RETURNING b.party_id, b.sides, -1 AS change),
    added AS (
        INSERT INTO letter_by_party (party_id, letter_id, sides, sent_earliest, sent_latest, created_at)
        SELECT x.party_id, l.id, bit_or(x.side)::smallint, l.sent_earliest, l.sent_latest, l.created_at
        FROM unnest(letter_ids) AS c(id)
        JOIN letter l ON l.id = c.id AND l.deleted_at IS NULL
        JOIN letter_participant p ON p.letter_id = l.id
        CROSS JOIN LATERAL (VALUES (p.actor_id), (p.represents_id)) AS party(id)
        CROSS JOIN LATERAL (SELECT party.id AS party_id,
                                   CASE WHEN p.role IN ('author', 'signatory') THEN 1
                                        WHEN p.role IN ('recipient', 'cc') THEN 2 ELSE 4 END AS side) AS x
        WHERE x.party_id IS NOT NULL
        GROUP BY x.party_id, l.id
        RETURNING party_id, sides, 1 AS change),
    appended AS (
        INSERT INTO census_by_party (party_id, sent, received, conveyed, letters)
        SELECT party_id, sum(CASE WHEN sides & 1 <> 0 THEN change ELSE 0 END),
               sum(CASE WHEN sides & 2 <> 0 THEN change ELSE 0 END),
               sum(CASE WHEN sides & 4 <> 0 THEN change ELSE 0 END), sum(change)
        FROM (SELECT * FROM gone UNION ALL SELECT * FROM added) AS d
        GROUP BY party_id
        HAVING (sum(CASE WHEN sides & 1 <> 0 THEN change ELSE 0 END), sum(CASE WHEN sides & 2 <> 0 THEN change ELSE 0 END),
                sum(CASE WHEN sides & 4 <> 0 THEN change ELSE 0 END), sum(change)) <> (0, 0, 0, 0)
        RETURNING party_id)
    SELECT array_agg(party_id) INTO parties FROM appended;
    IF parties IS NOT NULL THEN
        PERFORM fold_census_by_party(parties);
    END IF;

    DELETE FROM letter_by_country_pair b USING unnest(letter_ids) AS c(id) WHERE b.letter_id = c.id;
    INSERT INTO letter_by_country_pair (low_state_id, high_state_id, letter_id, sent_earliest, sent_latest, created_at)
    SELECT DISTINCT least(s.state_id, r.state_id), greatest(s.state_id, r.state_id), l.id,
           l.sent_earliest, l.sent_latest, l.created_at
    FROM unnest(letter_ids) AS c(id)
    JOIN letter l ON l.id = c.id AND l.deleted_at IS NULL
    JOIN letter_participant_state s ON s.letter_id = l.id AND s.role IN ('author', 'signatory')
    JOIN letter_participant_state r ON r.letter_id = l.id AND r.role IN ('recipient', 'cc')
    WHERE s.state_id <> r.state_id;

    PERFORM recount_letters(letter_ids);
END $$;

-- A letter whose kind changes is counted again.
CREATE OR REPLACE FUNCTION relist_redated_letters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('chancery.relist_deferred', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM relist_letters(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.sent_earliest, n.sent_latest, n.created_at, n.deleted_at IS NULL, n.kind)
              IS DISTINCT FROM (o.sent_earliest, o.sent_latest, o.created_at, o.deleted_at IS NULL, o.kind)));
    RETURN NULL;
END $$;

-- An actor that becomes a state, stops being one or changes its ISO code changes the states its
-- letters are listed and counted under. Not deferred by an import: the letters it touches need
-- not be the import's own.
CREATE FUNCTION relist_recoded_actors() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM relist_letters(ARRAY(
        SELECT p.letter_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN letter_participant p ON p.actor_id = n.id
        WHERE (n.kind, n.iso_code) IS DISTINCT FROM (o.kind, o.iso_code)
        UNION
        SELECT p.letter_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN letter_participant p ON p.represents_id = n.id
        WHERE (n.kind, n.iso_code) IS DISTINCT FROM (o.kind, o.iso_code)));
    RETURN NULL;
END $$;

CREATE TRIGGER actor_relist_update AFTER UPDATE ON actor
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relist_recoded_actors();

-- Counts the letters already registered.
SELECT rebuild_letter_census();
