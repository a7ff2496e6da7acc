-- Upgrades a schema version 13 database to version 14. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 14.

-- The busiest pairs of states are read off an index, as the busiest pairs of actors are: a row
-- is `partial` when its key may have other rows. The counts are taken afresh from the letters'
-- pairs, one row per key.
ALTER TABLE census_by_country_pair
    ADD COLUMN partial boolean NOT NULL DEFAULT true,
    ADD COLUMN written_by bigint NOT NULL DEFAULT txid_current();
DELETE FROM census_by_country_pair;
INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters, partial)
SELECT sender_code, recipient_code, count(*) FILTER (WHERE addressed), count(*), false
FROM (SELECT letter_id, sender_code, recipient_code, bool_or(addressed) AS addressed
      FROM letter_edge WHERE sender_code IS NOT NULL AND recipient_code IS NOT NULL
      GROUP BY letter_id, sender_code, recipient_code) AS p
GROUP BY sender_code, recipient_code;
CREATE INDEX census_by_country_pair_busiest ON census_by_country_pair (addressed DESC) WHERE NOT partial;
CREATE INDEX census_by_country_pair_partial ON census_by_country_pair (sender_code, recipient_code) WHERE partial;

-- A limited timeline reads the answers dated up to its page's last letter (TimelineService).
CREATE INDEX invitation_invitee_responded ON invitation_invitee (responded_earliest, responded_latest) WHERE status <> 'pending';

CREATE OR REPLACE FUNCTION fold_census_by_country_pair(sender_codes char(2)[], recipient_codes char(2)[]) RETURNS void
LANGUAGE sql AS $$
    WITH keys AS (SELECT DISTINCT k.sender_code, k.recipient_code FROM unnest(sender_codes, recipient_codes) AS k(sender_code, recipient_code)),
    visible AS (
        SELECT t.sender_code, t.recipient_code, count(*) AS n FROM census_by_country_pair t
        JOIN keys k ON t.sender_code = k.sender_code AND t.recipient_code = k.recipient_code
        GROUP BY t.sender_code, t.recipient_code),
    picked AS (
        SELECT t.ctid AS row_id FROM census_by_country_pair t
        JOIN keys k ON t.sender_code = k.sender_code AND t.recipient_code = k.recipient_code
        FOR UPDATE OF t SKIP LOCKED),
    folded AS (
        DELETE FROM census_by_country_pair t WHERE t.ctid = ANY(ARRAY(SELECT row_id FROM picked))
        RETURNING t.sender_code, t.recipient_code, t.addressed, t.letters, t.written_by)
    -- Partial as for the pairs of actors above.
    INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters, partial)
    SELECT f.sender_code, f.recipient_code, sum(f.addressed), sum(f.letters),
           count(*) < v.n OR bool_and(f.written_by = txid_current())
    FROM folded f JOIN visible v ON v.sender_code = f.sender_code AND v.recipient_code = f.recipient_code
    GROUP BY f.sender_code, f.recipient_code, v.n
    HAVING (sum(f.addressed), sum(f.letters)) <> (0, 0) OR count(*) < v.n;
$$;

CREATE OR REPLACE FUNCTION settle_census() RETURNS void
LANGUAGE sql AS $$
    SELECT fold_census_by_actor_pair(array_agg(sender_id), array_agg(recipient_id))
    FROM (SELECT DISTINCT sender_id, recipient_id FROM census_by_actor_pair WHERE partial) AS k
    HAVING count(*) > 0;
    SELECT fold_census_by_country_pair(array_agg(sender_code), array_agg(recipient_code))
    FROM (SELECT DISTINCT sender_code, recipient_code FROM census_by_country_pair WHERE partial) AS k
    HAVING count(*) > 0;
$$;

CREATE OR REPLACE FUNCTION rebuild_letter_census() RETURNS void
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
    INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters, partial)
    SELECT sender_code, recipient_code, count(*) FILTER (WHERE addressed), count(*), false
    FROM (SELECT letter_id, sender_code, recipient_code, bool_or(addressed) AS addressed
          FROM letter_edge WHERE sender_code IS NOT NULL AND recipient_code IS NOT NULL
          GROUP BY letter_id, sender_code, recipient_code) AS p
    GROUP BY sender_code, recipient_code;
$$;

-- The register's invitation and event counts, kept like the letter counts (census_by_*): a
-- writer appends its change as rows and folds the rows of the measures it touched, skipping rows
-- another open transaction holds, so the sum of a measure's committed rows is exact at any
-- snapshot. Measures: 'invitations', 'open invitations' (some invitee has not answered),
-- 'invitees <status>' and 'events <status>'. `stats` reads a dozen rows instead of every
-- invitation, invitee and event.
CREATE TABLE census_of_records (
    measure  text NOT NULL,
    n        integer NOT NULL
);

CREATE INDEX census_of_records_measure ON census_of_records (measure);

CREATE FUNCTION add_to_census_of_records(measures text[], changes integer[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    appended text[];
BEGIN
    WITH appended_rows AS (
        INSERT INTO census_of_records (measure, n)
        SELECT c.measure, sum(c.change) FROM unnest(measures, changes) AS c(measure, change)
        GROUP BY c.measure HAVING sum(c.change) <> 0
        RETURNING measure)
    SELECT array_agg(measure ORDER BY measure) INTO appended FROM appended_rows;
    IF appended IS NULL THEN
        RETURN;
    END IF;
    WITH picked AS (
        SELECT t.ctid AS row_id FROM census_of_records t WHERE t.measure = ANY(appended)
        FOR UPDATE OF t SKIP LOCKED),
    folded AS (
        DELETE FROM census_of_records t WHERE t.ctid = ANY(ARRAY(SELECT row_id FROM picked))
        RETURNING t.measure, t.n)
    INSERT INTO census_of_records (measure, n)
    SELECT measure, sum(n) FROM folded GROUP BY measure HAVING sum(n) <> 0;
END $$;

CREATE FUNCTION count_changed_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM add_to_census_of_records(array_agg('events ' || status), array_agg(1)) FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM add_to_census_of_records(array_agg('events ' || status), array_agg(-1)) FROM old_rows;
    ELSE
        PERFORM add_to_census_of_records(array_agg(measure), array_agg(change))
        FROM (SELECT 'events ' || status AS measure, 1 AS change FROM new_rows
              UNION ALL SELECT 'events ' || status, -1 FROM old_rows) AS d;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER event_count_insert AFTER INSERT ON event
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_changed_events();
CREATE TRIGGER event_count_update AFTER UPDATE ON event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_changed_events();
CREATE TRIGGER event_count_delete AFTER DELETE ON event
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_changed_events();

CREATE FUNCTION count_changed_invitations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM add_to_census_of_records(ARRAY['invitations'], ARRAY[count(*)::integer]) FROM new_rows;
    ELSE
        PERFORM add_to_census_of_records(ARRAY['invitations'], ARRAY[-count(*)::integer]) FROM old_rows;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER invitation_count_insert AFTER INSERT ON invitation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_changed_invitations();
CREATE TRIGGER invitation_count_delete AFTER DELETE ON invitation
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_changed_invitations();

-- Invitees by answer, and the invitations left open. Whether an invitation was open before the
-- statement is its pending invitees now less those the statement added, plus those it took away;
-- the invitations are locked first, so that two writers answering the same invitation count one
-- after the other (each then sees the other's answers) rather than both from the state before.
CREATE FUNCTION count_changed_invitees() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    invitation_ids bigint[];
    statuses response_status[];
    changes integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(invitation_id), array_agg(status), array_agg(1) INTO invitation_ids, statuses, changes FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(invitation_id), array_agg(status), array_agg(-1) INTO invitation_ids, statuses, changes FROM old_rows;
    ELSE
        SELECT array_agg(invitation_id), array_agg(status), array_agg(change) INTO invitation_ids, statuses, changes
        FROM (SELECT invitation_id, status, 1 AS change FROM new_rows
              UNION ALL SELECT invitation_id, status, -1 FROM old_rows) AS d;
    END IF;
    IF invitation_ids IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM invitation WHERE id = ANY(invitation_ids) ORDER BY id FOR NO KEY UPDATE;
    PERFORM add_to_census_of_records(array_agg(measure), array_agg(change)) FROM (
        WITH changed AS (SELECT * FROM unnest(invitation_ids, statuses, changes) AS c(invitation_id, status, change)),
        pending AS (
            SELECT sum(c.change) FILTER (WHERE c.status = 'pending') AS added,
                   (SELECT count(*) FROM invitation_invitee v
                    WHERE v.invitation_id = c.invitation_id AND v.status = 'pending') AS now
            FROM changed c GROUP BY c.invitation_id)
        SELECT 'invitees ' || status AS measure, sum(change)::integer AS change FROM changed GROUP BY status
        UNION ALL
        SELECT 'open invitations',
               (count(*) FILTER (WHERE now > 0) - count(*) FILTER (WHERE now - coalesce(added, 0) > 0))::integer
        FROM pending) AS d;
    RETURN NULL;
END $$;

CREATE TRIGGER invitee_count_insert AFTER INSERT ON invitation_invitee
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_changed_invitees();
CREATE TRIGGER invitee_count_update AFTER UPDATE ON invitation_invitee
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_changed_invitees();
CREATE TRIGGER invitee_count_delete AFTER DELETE ON invitation_invitee
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_changed_invitees();

-- Counts every invitation, invitee and event afresh (upgrade-14.sql).
CREATE FUNCTION rebuild_record_census() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE census_of_records;
    INSERT INTO census_of_records (measure, n)
    SELECT 'invitations', count(*) FROM invitation HAVING count(*) > 0
    UNION ALL
    SELECT 'open invitations', count(*) FROM invitation i
    WHERE EXISTS (SELECT FROM invitation_invitee v WHERE v.invitation_id = i.id AND v.status = 'pending') HAVING count(*) > 0
    UNION ALL
    SELECT 'invitees ' || status, count(*) FROM invitation_invitee GROUP BY status
    UNION ALL
    SELECT 'events ' || status, count(*) FROM event GROUP BY status;
$$;

SELECT rebuild_record_census();
