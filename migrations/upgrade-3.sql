-- Upgrades a schema version 2 database to version 3: full-text search (the chancery text search
-- configuration, letter.search_document, GIN indexes on letters and actor names), the letter
-- listing tables that serve listings by party and by pair of countries, and date indexes for
-- windows. schema.sql stays the one description of the current schema; this file repeats the
-- parts that changed, and SchemaMigrator runs it in the transaction that records version 3.

CREATE EXTENSION IF NOT EXISTS unaccent;

-- Full-text search: accents folded ("Elysee" finds "Élysée"), English words stemmed ("summits"
-- finds "summit"), other scripts kept as written. The parser splits on spaces and punctuation,
-- which suits Khmer too: its text separates phrases (not words) with spaces, so searches
-- match phrases by prefix (see chancery_search_query).
CREATE TEXT SEARCH DICTIONARY chancery_english (TEMPLATE = snowball, Language = english, StopWords = english);
CREATE TEXT SEARCH CONFIGURATION chancery (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION chancery
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, chancery_english;

-- A search as users type it (web-search syntax: "quoted phrases", or, -excluded), each term
-- matching as a prefix so that a Khmer phrase is found by its first words and "negot" finds
-- "negotiations".
CREATE FUNCTION chancery_search_query(search text) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    -- The cast reads the lexemes as they are; to_tsquery would parse them again and split
    -- hyphenated words a second time.
    SELECT nullif(regexp_replace(websearch_to_tsquery('chancery', search)::text,
                                 '''((?:[^'']|'''')+)''', '''\1'':*', 'g'), '')::tsquery
$$;

ALTER TABLE letter ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('chancery', subject), 'A')
        || setweight(to_tsvector('chancery', coalesce(summary, '')), 'B')
        || setweight(to_tsvector('chancery', left(coalesce(body, ''), 100000)), 'C')) STORED;

DROP INDEX letter_sent_range;
DROP INDEX letter_sent_bounds;
CREATE INDEX letter_sent_bounds ON letter (sent_earliest, sent_latest, created_at, id);
CREATE INDEX letter_sent_wide ON letter (sent_earliest) WHERE sent_latest > sent_earliest + 400;
CREATE INDEX letter_search ON letter USING gin (search_document);
-- `chancery pending` reads only the letters flagged as awaiting a reply.
CREATE INDEX letter_awaiting_reply ON letter (sent_earliest, sent_latest) WHERE awaiting_reply;
CREATE INDEX actor_name_search ON actor USING gin (to_tsvector('chancery', name));
CREATE INDEX actor_alias_search ON actor_alias USING gin (to_tsvector('chancery', alias));
-- Timelines find invitations by whom their inviter and invitees act for.
CREATE INDEX invitation_inviter_represents ON invitation (inviter_represents_id);
CREATE INDEX invitation_invitee_represents ON invitation_invitee (represents_id);

-- One row per letter and party: each participant, and the state or organization each acts for,
-- with the letter's sort key copied in. Listings by country, person or organization read the
-- (party_id, date) index in order and stop after a page, however many letters the party has.
-- Triggers keep it in step with letter_participant and letter; nothing else writes to it.
CREATE TABLE letter_by_party (
    party_id       bigint NOT NULL,
    letter_id      bigint NOT NULL,
    -- 1: sender side (author, signatory), 2: recipient side (recipient, cc), 4: intermediary.
    sides          smallint NOT NULL,
    sent_earliest  date NOT NULL,
    sent_latest    date NOT NULL,
    created_at     timestamptz NOT NULL
);

CREATE INDEX letter_by_party_order ON letter_by_party (party_id, sent_earliest, sent_latest, created_at, letter_id) INCLUDE (sides);
CREATE INDEX letter_by_party_wide ON letter_by_party (party_id, sent_earliest) WHERE sent_latest > sent_earliest + 400;
CREATE INDEX letter_by_party_letter ON letter_by_party (letter_id);

-- One row per letter and pair of states on opposite sides (lower actor id first): "letters
-- between the United States and Cambodia, either way".
CREATE TABLE letter_by_country_pair (
    low_state_id   bigint NOT NULL,
    high_state_id  bigint NOT NULL,
    letter_id      bigint NOT NULL,
    sent_earliest  date NOT NULL,
    sent_latest    date NOT NULL,
    created_at     timestamptz NOT NULL,
    CONSTRAINT letter_by_country_pair_ordered CHECK (low_state_id < high_state_id)
);

CREATE INDEX letter_by_country_pair_order
    ON letter_by_country_pair (low_state_id, high_state_id, sent_earliest, sent_latest, created_at, letter_id);
CREATE INDEX letter_by_country_pair_wide ON letter_by_country_pair (low_state_id, high_state_id, sent_earliest)
    WHERE sent_latest > sent_earliest + 400;
CREATE INDEX letter_by_country_pair_letter ON letter_by_country_pair (letter_id);

-- The state each participant stands for: itself when it is one, else the state it acts for.
CREATE VIEW letter_participant_state AS
SELECT p.letter_id, p.role, coalesce(CASE WHEN a.kind = 'state' THEN a.id END,
                                     CASE WHEN p.represents_kind = 'state' THEN p.represents_id END) AS state_id
FROM letter_participant p JOIN actor a ON a.id = p.actor_id
WHERE a.kind = 'state' OR p.represents_kind = 'state';

-- Rebuilds the listing rows of some letters from their participants and dates.
CREATE FUNCTION relist_letters(letter_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM letter_by_party b USING unnest(letter_ids) AS c(id) WHERE b.letter_id = c.id;
    DELETE FROM letter_by_country_pair b USING unnest(letter_ids) AS c(id) WHERE b.letter_id = c.id;
    INSERT INTO letter_by_party (party_id, letter_id, sides, sent_earliest, sent_latest, created_at)
    SELECT x.party_id, l.id, bit_or(x.side)::smallint, l.sent_earliest, l.sent_latest, l.created_at
    FROM (SELECT DISTINCT id FROM unnest(letter_ids) AS c(id)) c
    JOIN letter l ON l.id = c.id
    JOIN letter_participant p ON p.letter_id = l.id
    CROSS JOIN LATERAL (VALUES (p.actor_id), (p.represents_id)) AS party(id)
    CROSS JOIN LATERAL (SELECT party.id AS party_id,
                               CASE WHEN p.role IN ('author', 'signatory') THEN 1
                                    WHEN p.role IN ('recipient', 'cc') THEN 2 ELSE 4 END AS side) AS x
    WHERE x.party_id IS NOT NULL
    GROUP BY x.party_id, l.id;
    INSERT INTO letter_by_country_pair (low_state_id, high_state_id, letter_id, sent_earliest, sent_latest, created_at)
    SELECT DISTINCT least(s.state_id, r.state_id), greatest(s.state_id, r.state_id), l.id,
           l.sent_earliest, l.sent_latest, l.created_at
    FROM (SELECT DISTINCT id FROM unnest(letter_ids) AS c(id)) c
    JOIN letter l ON l.id = c.id
    JOIN letter_participant_state s ON s.letter_id = l.id AND s.role IN ('author', 'signatory')
    JOIN letter_participant_state r ON r.letter_id = l.id AND r.role IN ('recipient', 'cc')
    WHERE s.state_id <> r.state_id;
$$;

-- Statement-level, so a bulk import relists its letters in one pass at the end of each statement.
CREATE FUNCTION relist_changed_participants() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM relist_letters(ARRAY(SELECT DISTINCT letter_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM relist_letters(ARRAY(SELECT DISTINCT letter_id FROM old_rows));
    ELSE
        PERFORM relist_letters(ARRAY(SELECT letter_id FROM new_rows UNION SELECT letter_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER letter_participant_relist_insert AFTER INSERT ON letter_participant
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relist_changed_participants();
CREATE TRIGGER letter_participant_relist_update AFTER UPDATE ON letter_participant
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relist_changed_participants();
CREATE TRIGGER letter_participant_relist_delete AFTER DELETE ON letter_participant
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relist_changed_participants();

-- A letter whose date changes moves in every listing. (A deleted letter's participants are
-- deleted with it, and their trigger removes its listing rows.)
CREATE FUNCTION relist_redated_letters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM relist_letters(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.sent_earliest, n.sent_latest, n.created_at) IS DISTINCT FROM (o.sent_earliest, o.sent_latest, o.created_at)));
    RETURN NULL;
END $$;

CREATE TRIGGER letter_relist_update AFTER UPDATE ON letter
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relist_redated_letters();

-- Lists the letters already recorded.
SELECT relist_letters(ARRAY(SELECT id FROM letter));

-- History leaves out the derived search_document.
CREATE OR REPLACE FUNCTION record_history_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed_by text := coalesce(nullif(current_setting('chancery.changed_by', true), ''), session_user);
    key_image text := (SELECT string_agg(format('%L, img -> %L', k, k), ', ') FROM unnest(TG_ARGV) AS k);
    key_match text := (SELECT string_agg(format('o.img -> %L = n.img -> %L', k, k), ' AND ') FROM unnest(TG_ARGV) AS k);
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format($sql$
            INSERT INTO history (table_name, operation, row_key, changed_by, before, after)
            SELECT %L, 'INSERT', jsonb_build_object(%s), $1, NULL, img FROM (SELECT to_jsonb(n) - 'search_document' AS img FROM new_rows n) r
            $sql$, TG_TABLE_NAME, key_image) USING changed_by;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format($sql$
            INSERT INTO history (table_name, operation, row_key, changed_by, before, after)
            SELECT %L, 'DELETE', jsonb_build_object(%s), $1, img, NULL FROM (SELECT to_jsonb(o) - 'search_document' AS img FROM old_rows o) r
            $sql$, TG_TABLE_NAME, key_image) USING changed_by;
    ELSE
        EXECUTE format($sql$
            WITH o AS (SELECT to_jsonb(o) - 'search_document' AS img FROM old_rows o),
                 n AS (SELECT to_jsonb(n) - 'search_document' AS img FROM new_rows n)
            INSERT INTO history (table_name, operation, row_key, changed_by, before, after)
            SELECT %1$L, CASE WHEN o.img IS NULL THEN 'INSERT' WHEN n.img IS NULL THEN 'DELETE' ELSE 'UPDATE' END,
                   (SELECT jsonb_build_object(%2$s) FROM (SELECT coalesce(n.img, o.img) AS img) k), $1, o.img, n.img
            FROM o FULL JOIN n ON %3$s
            WHERE o.img IS DISTINCT FROM n.img
            $sql$, TG_TABLE_NAME, key_image, key_match) USING changed_by;
    END IF;
    RETURN NULL;
END $$;
