-- Upgrades a schema version 17 database to version 18. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 18.

-- Sources can be corrected: each has a revision (its ETag), and correcting what a letter shows of
-- a source moves the revision of every letter citing it.
ALTER TABLE source ADD COLUMN revision integer NOT NULL DEFAULT 1;

CREATE FUNCTION touch_source() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- A save that changes nothing (a form sends every field) is no new revision.
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.revision := OLD.revision + 1;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER source_touch BEFORE UPDATE ON source
    FOR EACH ROW EXECUTE FUNCTION touch_source();

CREATE FUNCTION touch_letters_citing_sources() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    touched bigint[] := ARRAY(
        SELECT DISTINCT c.letter_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN citation c ON c.source_id = n.id
        WHERE c.letter_id IS NOT NULL
          AND (n.kind, n.title, n.publisher, n.url, n.published_edtf)
              IS DISTINCT FROM (o.kind, o.title, o.publisher, o.url, o.published_edtf));
BEGIN
    IF cardinality(touched) > 0 THEN
        -- Locked in the order of their ids, so that two corrections of sources sharing letters
        -- wait for each other rather than deadlock.
        PERFORM 1 FROM letter WHERE id = ANY(touched) AND deleted_at IS NULL ORDER BY id FOR UPDATE;
        UPDATE letter SET revision = revision WHERE id = ANY(touched) AND deleted_at IS NULL;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER source_touch_citing_letters AFTER UPDATE ON source
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_letters_citing_sources();

-- Rewrites aliases holding other whitespace than single spaces (a no-break space, a tab, a run of
-- spaces) as a name is normalised when it is typed or imported, so that they are found: reference
-- data loaded before schema 18 kept the no-break spaces of some translations. A spelling whose
-- normalised form the actor already has goes. Returns how many aliases changed or went.
CREATE FUNCTION normalize_actor_aliases() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    changed integer;
    removed integer;
BEGIN
    CREATE TEMP TABLE alias_respelled ON COMMIT DROP AS
    -- Of several spellings of one name, the one that says its language is kept.
    SELECT actor_id, alias, clean, own_name, language,
           row_number() OVER (PARTITION BY actor_id, clean ORDER BY language IS NULL, alias) AS nth
    FROM (SELECT a.actor_id, a.alias, a.language, lower(n.name) AS own_name,
                 btrim(regexp_replace(a.alias, '[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+', ' ', 'g')) AS clean
          FROM actor_alias a JOIN actor n ON n.id = a.actor_id) a
    WHERE clean <> alias;
    -- A spelling already there in its plain form gives that one its language, when it lacks one.
    UPDATE actor_alias b SET language = r.language FROM alias_respelled r
    WHERE b.actor_id = r.actor_id AND b.alias = r.clean AND b.language IS NULL AND r.language IS NOT NULL AND r.nth = 1;
    -- A spelling that is the actor's own name once respelled says nothing an alias would.
    DELETE FROM actor_alias a USING alias_respelled r
    WHERE a.actor_id = r.actor_id AND a.alias = r.alias
      AND (r.nth > 1 OR r.clean = '' OR lower(r.clean) = r.own_name
           OR EXISTS (SELECT 1 FROM actor_alias b WHERE b.actor_id = r.actor_id AND b.alias = r.clean));
    GET DIAGNOSTICS removed = ROW_COUNT;
    UPDATE actor_alias a SET alias = r.clean FROM alias_respelled r
    WHERE a.actor_id = r.actor_id AND a.alias = r.alias;
    GET DIAGNOSTICS changed = ROW_COUNT;
    DROP TABLE alias_respelled;
    RETURN changed + removed;
END $$;

SELECT normalize_actor_aliases();

-- Years of the kept counts are numbered as EDTF numbers them (45 BC is -44), as the date filters
-- read them; they were extract(year)'s (45 BC was -45).
-- A day's year as EDTF numbers it (1 BC is 0, 45 BC is -44), which the date filters read;
-- extract(year) counts as people do, with no year 0 (45 BC is -45). NULL for an open end
-- (±infinity), which has no year.
CREATE FUNCTION astronomical_year(day date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN isfinite(day)
                THEN extract(year FROM day)::integer + CASE WHEN extract(year FROM day) < 0 THEN 1 ELSE 0 END END
$$;

CREATE OR REPLACE VIEW letter_census_source AS
SELECT l.id AS letter_id,
       CASE WHEN isfinite(l.sent_earliest) THEN astronomical_year(l.sent_earliest)
            WHEN isfinite(l.sent_latest) THEN astronomical_year(l.sent_latest) END AS year,
       l.kind
FROM letter l
WHERE l.deleted_at IS NULL;

UPDATE letter_census SET year = year + 1 WHERE year < 0;
UPDATE census_by_year_kind SET year = year + 1 WHERE year < 0;
