-- Upgrades a schema version 18 database to version 19. schema.sql stays the one description of the
-- current schema; this file repeats the parts that changed, and SchemaMigrator runs it in the
-- transaction that records version 19.

-- Actors that stand for someone the sources do not name ("einen Amtsbruder", "Unknown") are
-- marked, so the busiest correspondents leave them out.
CREATE FUNCTION is_unnamed_description(name text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    name ~ '^\[?(ein|eine|einen|einem|einer|eines|un|une|una|uno)\s'
    -- English a/an also begin names ("a Lasco, Johannes", "an der Heiden, Hans") and German
    -- addresses ("an den Geheimen Rat"): only before a lowercase word, in a name without a comma.
    OR (name ~ '^\[?an?\s+[a-z]' AND name !~ '^\[?an\s+(den|dem|der|die|das)\s' AND name !~ ',')
    OR lower(regexp_replace(name, '[][?.\s]', '', 'g'))
       IN ('unknown', 'unbekannt', 'unbekannte', 'unbekannter', 'unbekannten', 'nn', 'anonymous', 'anonym', 'anonymus',
           'inconnu', 'inconnue', 'ignoto', 'desconocido');

CREATE FUNCTION unidentified_by_name(kind actor_kind, name text, wikidata_id text, viaf_id text, gnd_id text)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    kind <> 'state' AND num_nulls(wikidata_id, viaf_id, gnd_id) = 3 AND is_unnamed_description(name);

ALTER TABLE actor ADD COLUMN unidentified boolean NOT NULL DEFAULT false;
UPDATE actor SET unidentified = true WHERE unidentified_by_name(kind, name, wikidata_id, viaf_id, gnd_id);
-- An actor recorded without the flag has it decided by its name (the trigger below).
ALTER TABLE actor ALTER COLUMN unidentified DROP DEFAULT;

CREATE FUNCTION decide_unidentified() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.unidentified IS NOT NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.unidentified IS DISTINCT FROM OLD.unidentified
            OR (NEW.name, NEW.wikidata_id, NEW.viaf_id, NEW.gnd_id) IS NOT DISTINCT FROM (OLD.name, OLD.wikidata_id, OLD.viaf_id, OLD.gnd_id)) THEN
        RETURN NEW;
    END IF;
    NEW.unidentified := unidentified_by_name(NEW.kind, NEW.name, NEW.wikidata_id, NEW.viaf_id, NEW.gnd_id);
    RETURN NEW;
END $$;

CREATE TRIGGER actor_unidentified BEFORE INSERT OR UPDATE ON actor
    FOR EACH ROW EXECUTE FUNCTION decide_unidentified();

-- The letters answering invitations, found from the letter (an event's dossier, the register's
-- event counts, removing a letter).
CREATE INDEX invitation_invitee_response_letter ON invitation_invitee (response_letter_id) WHERE response_letter_id IS NOT NULL;
