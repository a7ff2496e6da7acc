-- Chancery: the database schema, and the one source of truth for it.
--
-- `chancery db migrate` applies this file inside one transaction, under an advisory lock, and
-- records the version below in schema_version; applying it again is a no-op. Every rule that
-- keeps bad rows out lives here (keys, CHECKs, NOT NULLs, triggers), so plain SQL cannot
-- bypass what the service layer validates.
--
-- chancery-schema-version: 25

CREATE EXTENSION IF NOT EXISTS pg_trgm;
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

CREATE TABLE schema_version (
    version     integer PRIMARY KEY CHECK (version > 0),
    applied_at  timestamptz NOT NULL DEFAULT now(),
    applied_by  text NOT NULL DEFAULT session_user
);

-- Which register this database is. References such as US-KH-2022-001 are made alike in every
-- register, so an import cannot tell from a ref alone whether it names a letter stored here:
-- exports carry this id, and a file that carries this register's id names its own letters, events
-- and invitations by their refs (a correction, whatever it changes). A backup restored keeps it;
-- a register filled from another's export gets its own.
CREATE TABLE register_identity (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    id          uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO register_identity DEFAULT VALUES;
-- The id is the register's for good: exports made under it would otherwise name no register.
CREATE FUNCTION refuse_register_identity_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the register''s id is kept for good'
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Exports carry it; an import knows the register''s own files by it.';
END $$;

CREATE TRIGGER register_identity_kept BEFORE UPDATE OR DELETE ON register_identity
    FOR EACH ROW EXECUTE FUNCTION refuse_register_identity_change();
CREATE TRIGGER register_identity_not_truncated BEFORE TRUNCATE ON register_identity
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_register_identity_change();

-- ---------------------------------------------------------------------------------------------
-- Vocabularies
-- ---------------------------------------------------------------------------------------------

CREATE TYPE actor_kind AS ENUM ('person', 'state', 'organization');

-- Precision of an uncertain date (EDTF, ISO 8601-2): the coarsest part of the expression.
CREATE TYPE date_precision AS ENUM ('day', 'month', 'season', 'year', 'decade', 'century');

CREATE TYPE letter_kind AS ENUM (
    'letter', 'note_verbale', 'message', 'telegram', 'cable', 'email', 'memorandum',
    'call_readout', 'other'
);

CREATE TYPE classification_level AS ENUM (
    'public', 'unclassified', 'restricted', 'confidential', 'secret', 'top_secret'
);

-- TEI correspAction: sent (author, signatory), received (recipient, cc), transmitted (transmitter).
CREATE TYPE participant_role AS ENUM ('author', 'signatory', 'recipient', 'cc', 'transmitter');

CREATE TYPE letter_link_kind AS ENUM ('reply_to', 'encloses', 'forwards', 'refers_to');

CREATE TYPE response_status AS ENUM ('pending', 'accepted', 'declined', 'tentative');

CREATE TYPE event_kind AS ENUM (
    'summit', 'state_visit', 'official_visit', 'working_visit', 'ministerial_meeting', 'session',
    'conference', 'call', 'signing', 'other'
);

CREATE TYPE event_status AS ENUM ('proposed', 'scheduled', 'postponed', 'held', 'cancelled');

CREATE TYPE source_kind AS ENUM (
    'news', 'official_statement', 'archive', 'book', 'cable', 'edition', 'website', 'other'
);

-- The shape of an EDTF expression (its characters, levels 0 to 2 as the EDTF module reads them). The service
-- layer parses it properly and derives the bounds; this keeps free text out of the column.
CREATE FUNCTION is_edtf_shaped(expression text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    expression ~ '^[-+0-9XYES?~%:TZ.,/\[\]{}]+$' AND expression ~ '[0-9X]|[.][.]'
    AND expression NOT IN ('', '/', '../..', '/..', '../');

-- BCP 47 language tags ("km", "en-US", "zh-Hant").
CREATE FUNCTION is_language_tag(tag text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    tag ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' AND char_length(tag) <= 35;

-- Whether an actor's name is an editor's description of someone the source does not name rather
-- than a name: a lowercase indefinite article ("einen Amtsbruder", "eine Unbekannte", "a fellow
-- minister", "un ami"; "[einen Amtsbruder] im Elsaß"), or a word for "unknown" ("Unknown",
-- "[Unbekannt?]", "N. N.", "Anonymus"). Such an actor stands for people, not for one person.
CREATE FUNCTION is_unnamed_description(name text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    name ~ '^\[?(ein|eine|einen|einem|einer|eines|un|une|una|uno)\s'
    -- English a/an also begin names ("a Lasco, Johannes", "an der Heiden, Hans") and German
    -- addresses ("an den Geheimen Rat"): only before a lowercase word, in a name without a comma.
    OR (name ~ '^\[?an?\s+[a-z]' AND name !~ '^\[?an\s+(den|dem|der|die|das)\s' AND name !~ ',')
    OR lower(regexp_replace(name, '[][?.\s]', '', 'g'))
       IN ('unknown', 'unbekannt', 'unbekannte', 'unbekannter', 'unbekannten', 'nn', 'anonymous', 'anonym', 'anonymus',
           'inconnu', 'inconnue', 'ignoto', 'desconocido');

-- Reference codes users give letters, invitations and events ("US-KH-2022-001").
CREATE FUNCTION is_reference_code(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    code ~ '^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,99}$';

-- The day a listing places a letter at: its earliest possible day; when that is open or unknown
-- ("shortly before 18 July 1541", /1541-07-18), its latest; when both are (undated, XXXX), after
-- every dated letter. UncertainDate.sortDay says the same in Swift; listings and timelines read
-- in this order.
CREATE FUNCTION letter_sort_day(earliest date, latest date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    CASE WHEN earliest <> '-infinity' THEN earliest WHEN latest <> 'infinity' THEN latest ELSE 'infinity'::date END;

-- ISO 3166-1 alpha-2, with the withdrawn codes a 1945-onwards register needs (SU, YU, DD, CS…)
-- and XK (Kosovo), in wide use though user-assigned.
CREATE TABLE country (
    code       char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
    name       text NOT NULL CHECK (btrim(name) <> ''),
    withdrawn  boolean NOT NULL DEFAULT false
);

INSERT INTO country (code, name, withdrawn) VALUES
    ('AD', 'Andorra', false),
    ('AE', 'United Arab Emirates', false),
    ('AF', 'Afghanistan', false),
    ('AG', 'Antigua and Barbuda', false),
    ('AI', 'Anguilla', false),
    ('AL', 'Albania', false),
    ('AM', 'Armenia', false),
    ('AN', 'Netherlands Antilles', true),
    ('AO', 'Angola', false),
    ('AQ', 'Antarctica', false),
    ('AR', 'Argentina', false),
    ('AS', 'American Samoa', false),
    ('AT', 'Austria', false),
    ('AU', 'Australia', false),
    ('AW', 'Aruba', false),
    ('AX', 'Åland Islands', false),
    ('AZ', 'Azerbaijan', false),
    ('BA', 'Bosnia and Herzegovina', false),
    ('BB', 'Barbados', false),
    ('BD', 'Bangladesh', false),
    ('BE', 'Belgium', false),
    ('BF', 'Burkina Faso', false),
    ('BG', 'Bulgaria', false),
    ('BH', 'Bahrain', false),
    ('BI', 'Burundi', false),
    ('BJ', 'Benin', false),
    ('BL', 'Saint Barthélemy', false),
    ('BM', 'Bermuda', false),
    ('BN', 'Brunei Darussalam', false),
    ('BO', 'Bolivia', false),
    ('BQ', 'Bonaire, Sint Eustatius and Saba', false),
    ('BR', 'Brazil', false),
    ('BS', 'Bahamas', false),
    ('BT', 'Bhutan', false),
    ('BU', 'Burma, Socialist Republic of the Union of', true),
    ('BV', 'Bouvet Island', false),
    ('BW', 'Botswana', false),
    ('BY', 'Belarus', false),
    ('BZ', 'Belize', false),
    ('CA', 'Canada', false),
    ('CC', 'Cocos (Keeling) Islands', false),
    ('CD', 'Congo, The Democratic Republic of the', false),
    ('CF', 'Central African Republic', false),
    ('CG', 'Congo', false),
    ('CH', 'Switzerland', false),
    ('CI', 'Côte d''Ivoire', false),
    ('CK', 'Cook Islands', false),
    ('CL', 'Chile', false),
    ('CM', 'Cameroon', false),
    ('CN', 'China', false),
    ('CO', 'Colombia', false),
    ('CR', 'Costa Rica', false),
    ('CS', 'Czechoslovakia, Czechoslovak Socialist Republic', true),
    ('CT', 'Canton and Enderbury Islands', true),
    ('CU', 'Cuba', false),
    ('CV', 'Cabo Verde', false),
    ('CW', 'Curaçao', false),
    ('CX', 'Christmas Island', false),
    ('CY', 'Cyprus', false),
    ('CZ', 'Czechia', false),
    ('DD', 'German Democratic Republic', true),
    ('DE', 'Germany', false),
    ('DJ', 'Djibouti', false),
    ('DK', 'Denmark', false),
    ('DM', 'Dominica', false),
    ('DO', 'Dominican Republic', false),
    ('DY', 'Dahomey', true),
    ('DZ', 'Algeria', false),
    ('EC', 'Ecuador', false),
    ('EE', 'Estonia', false),
    ('EG', 'Egypt', false),
    ('EH', 'Western Sahara', false),
    ('ER', 'Eritrea', false),
    ('ES', 'Spain', false),
    ('ET', 'Ethiopia', false),
    ('FI', 'Finland', false),
    ('FJ', 'Fiji', false),
    ('FK', 'Falkland Islands (Malvinas)', false),
    ('FM', 'Micronesia, Federated States of', false),
    ('FO', 'Faroe Islands', false),
    ('FQ', 'French Southern and Antarctic Territories', true),
    ('FR', 'France', false),
    ('FX', 'France, Metropolitan', true),
    ('GA', 'Gabon', false),
    ('GB', 'United Kingdom', false),
    ('GD', 'Grenada', false),
    ('GE', 'Georgia', false),
    ('GF', 'French Guiana', false),
    ('GG', 'Guernsey', false),
    ('GH', 'Ghana', false),
    ('GI', 'Gibraltar', false),
    ('GL', 'Greenland', false),
    ('GM', 'Gambia', false),
    ('GN', 'Guinea', false),
    ('GP', 'Guadeloupe', false),
    ('GQ', 'Equatorial Guinea', false),
    ('GR', 'Greece', false),
    ('GS', 'South Georgia and the South Sandwich Islands', false),
    ('GT', 'Guatemala', false),
    ('GU', 'Guam', false),
    ('GW', 'Guinea-Bissau', false),
    ('GY', 'Guyana', false),
    ('HK', 'Hong Kong', false),
    ('HM', 'Heard Island and McDonald Islands', false),
    ('HN', 'Honduras', false),
    ('HR', 'Croatia', false),
    ('HT', 'Haiti', false),
    ('HU', 'Hungary', false),
    ('HV', 'Upper Volta, Republic of', true),
    ('ID', 'Indonesia', false),
    ('IE', 'Ireland', false),
    ('IL', 'Israel', false),
    ('IM', 'Isle of Man', false),
    ('IN', 'India', false),
    ('IO', 'British Indian Ocean Territory', false),
    ('IQ', 'Iraq', false),
    ('IR', 'Iran', false),
    ('IS', 'Iceland', false),
    ('IT', 'Italy', false),
    ('JE', 'Jersey', false),
    ('JM', 'Jamaica', false),
    ('JO', 'Jordan', false),
    ('JP', 'Japan', false),
    ('JT', 'Johnston Island', true),
    ('KE', 'Kenya', false),
    ('KG', 'Kyrgyzstan', false),
    ('KH', 'Cambodia', false),
    ('KI', 'Kiribati', false),
    ('KM', 'Comoros', false),
    ('KN', 'Saint Kitts and Nevis', false),
    ('KP', 'North Korea', false),
    ('KR', 'South Korea', false),
    ('KW', 'Kuwait', false),
    ('KY', 'Cayman Islands', false),
    ('KZ', 'Kazakhstan', false),
    ('LA', 'Laos', false),
    ('LB', 'Lebanon', false),
    ('LC', 'Saint Lucia', false),
    ('LI', 'Liechtenstein', false),
    ('LK', 'Sri Lanka', false),
    ('LR', 'Liberia', false),
    ('LS', 'Lesotho', false),
    ('LT', 'Lithuania', false),
    ('LU', 'Luxembourg', false),
    ('LV', 'Latvia', false),
    ('LY', 'Libya', false),
    ('MA', 'Morocco', false),
    ('MC', 'Monaco', false),
    ('MD', 'Moldova', false),
    ('ME', 'Montenegro', false),
    ('MF', 'Saint Martin (French part)', false),
    ('MG', 'Madagascar', false),
    ('MH', 'Marshall Islands', false),
    ('MI', 'Midway Islands', true),
    ('MK', 'North Macedonia', false),
    ('ML', 'Mali', false),
    ('MM', 'Myanmar', false),
    ('MN', 'Mongolia', false),
    ('MO', 'Macao', false),
    ('MP', 'Northern Mariana Islands', false),
    ('MQ', 'Martinique', false),
    ('MR', 'Mauritania', false),
    ('MS', 'Montserrat', false),
    ('MT', 'Malta', false),
    ('MU', 'Mauritius', false),
    ('MV', 'Maldives', false),
    ('MW', 'Malawi', false),
    ('MX', 'Mexico', false),
    ('MY', 'Malaysia', false),
    ('MZ', 'Mozambique', false),
    ('NA', 'Namibia', false),
    ('NC', 'New Caledonia', false),
    ('NE', 'Niger', false),
    ('NF', 'Norfolk Island', false),
    ('NG', 'Nigeria', false),
    ('NH', 'New Hebrides', true),
    ('NI', 'Nicaragua', false),
    ('NL', 'Netherlands', false),
    ('NO', 'Norway', false),
    ('NP', 'Nepal', false),
    ('NQ', 'Dronning Maud Land', true),
    ('NR', 'Nauru', false),
    ('NT', 'Neutral Zone', true),
    ('NU', 'Niue', false),
    ('NZ', 'New Zealand', false),
    ('OM', 'Oman', false),
    ('PA', 'Panama', false),
    ('PC', 'Pacific Islands (trust territory)', true),
    ('PE', 'Peru', false),
    ('PF', 'French Polynesia', false),
    ('PG', 'Papua New Guinea', false),
    ('PH', 'Philippines', false),
    ('PK', 'Pakistan', false),
    ('PL', 'Poland', false),
    ('PM', 'Saint Pierre and Miquelon', false),
    ('PN', 'Pitcairn', false),
    ('PR', 'Puerto Rico', false),
    ('PS', 'Palestine, State of', false),
    ('PT', 'Portugal', false),
    ('PU', 'US Miscellaneous Pacific Islands', true),
    ('PW', 'Palau', false),
    ('PY', 'Paraguay', false),
    ('PZ', 'Panama Canal Zone', true),
    ('QA', 'Qatar', false),
    ('RE', 'Réunion', false),
    ('RH', 'Southern Rhodesia', true),
    ('RO', 'Romania', false),
    ('RS', 'Serbia', false),
    ('RU', 'Russian Federation', false),
    ('RW', 'Rwanda', false),
    ('SA', 'Saudi Arabia', false),
    ('SB', 'Solomon Islands', false),
    ('SC', 'Seychelles', false),
    ('SD', 'Sudan', false),
    ('SE', 'Sweden', false),
    ('SG', 'Singapore', false),
    ('SH', 'Saint Helena, Ascension and Tristan da Cunha', false),
    ('SI', 'Slovenia', false),
    ('SJ', 'Svalbard and Jan Mayen', false),
    ('SK', 'Slovakia', false),
    ('SL', 'Sierra Leone', false),
    ('SM', 'San Marino', false),
    ('SN', 'Senegal', false),
    ('SO', 'Somalia', false),
    ('SR', 'Suriname', false),
    ('SS', 'South Sudan', false),
    ('ST', 'Sao Tome and Principe', false),
    ('SU', 'USSR, Union of Soviet Socialist Republics', true),
    ('SV', 'El Salvador', false),
    ('SX', 'Sint Maarten (Dutch part)', false),
    ('SY', 'Syria', false),
    ('SZ', 'Eswatini', false),
    ('TC', 'Turks and Caicos Islands', false),
    ('TD', 'Chad', false),
    ('TF', 'French Southern Territories', false),
    ('TG', 'Togo', false),
    ('TH', 'Thailand', false),
    ('TJ', 'Tajikistan', false),
    ('TK', 'Tokelau', false),
    ('TL', 'Timor-Leste', false),
    ('TM', 'Turkmenistan', false),
    ('TN', 'Tunisia', false),
    ('TO', 'Tonga', false),
    ('TP', 'East Timor', true),
    ('TR', 'Türkiye', false),
    ('TT', 'Trinidad and Tobago', false),
    ('TV', 'Tuvalu', false),
    ('TW', 'Taiwan', false),
    ('TZ', 'Tanzania', false),
    ('UA', 'Ukraine', false),
    ('UG', 'Uganda', false),
    ('UM', 'United States Minor Outlying Islands', false),
    ('US', 'United States', false),
    ('UY', 'Uruguay', false),
    ('UZ', 'Uzbekistan', false),
    ('VA', 'Holy See (Vatican City State)', false),
    ('VC', 'Saint Vincent and the Grenadines', false),
    ('VD', 'Viet-Nam, Democratic Republic of', true),
    ('VE', 'Venezuela', false),
    ('VG', 'Virgin Islands, British', false),
    ('VI', 'Virgin Islands, U.S.', false),
    ('VN', 'Vietnam', false),
    ('VU', 'Vanuatu', false),
    ('WF', 'Wallis and Futuna', false),
    ('WK', 'Wake Island', true),
    ('WS', 'Samoa', false),
    ('XK', 'Kosovo', false),
    ('YD', 'Yemen, Democratic, People''s Democratic Republic of', true),
    ('YE', 'Yemen', false),
    ('YT', 'Mayotte', false),
    ('YU', 'Yugoslavia, (Socialist) Federal Republic of', true),
    ('ZA', 'South Africa', false),
    ('ZM', 'Zambia', false),
    ('ZR', 'Zaire, Republic of', true),
    ('ZW', 'Zimbabwe', false)
ON CONFLICT (code) DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- Actors: persons, states and organizations
-- ---------------------------------------------------------------------------------------------

CREATE TABLE actor (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         actor_kind NOT NULL,
    name         text NOT NULL,
    iso_code     char(2) REFERENCES country (code),
    wikidata_id  text,
    viaf_id      text,
    gnd_id       text,
    note         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- Lets other tables require an actor of a given kind through a plain foreign key.
    CONSTRAINT actor_id_kind_unique UNIQUE (id, kind),
    CONSTRAINT actor_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT actor_name_length CHECK (char_length(name) <= 200),
    CONSTRAINT actor_iso_code_only_for_states CHECK (iso_code IS NULL OR kind = 'state'),
    CONSTRAINT actor_iso_code_unique UNIQUE (iso_code),
    CONSTRAINT actor_wikidata_format CHECK (wikidata_id ~ '^Q[1-9][0-9]{0,11}$'),
    CONSTRAINT actor_wikidata_unique UNIQUE (wikidata_id),
    CONSTRAINT actor_viaf_format CHECK (viaf_id ~ '^[1-9][0-9]{0,21}$'),
    CONSTRAINT actor_gnd_format CHECK (gnd_id ~ '^[0-9][0-9X-]{0,14}$'),
    -- Authority ids name one actor each: imports match actors by them.
    CONSTRAINT actor_viaf_unique UNIQUE (viaf_id),
    CONSTRAINT actor_gnd_unique UNIQUE (gnd_id),
    CONSTRAINT actor_note_length CHECK (char_length(note) <= 2000),
    -- When a state existed, for those that no longer do: the Soviet Union, 1922-12-30/1991-12-26.
    existed_edtf       text,
    existed_earliest   date,
    existed_latest     date,
    existed_precision  date_precision,
    CONSTRAINT actor_existed_complete CHECK (
        num_nulls(existed_edtf, existed_earliest, existed_latest, existed_precision) IN (0, 4)),
    CONSTRAINT actor_existed_shape CHECK (is_edtf_shaped(existed_edtf)),
    CONSTRAINT actor_existed_order CHECK (existed_earliest <= existed_latest),
    CONSTRAINT actor_existed_only_for_states CHECK (existed_edtf IS NULL OR kind = 'state'),
    -- Stands for someone the sources do not name (see is_unnamed_description): its letters are
    -- not one correspondent's, so the busiest correspondents leave it out. Decided by the name
    -- when an actor is recorded without it (actor_unidentified), and again when the name or an
    -- authority id changes without it.
    unidentified       boolean NOT NULL
);

CREATE INDEX actor_name_lower ON actor (lower(name));

-- Whether an actor recorded so would stand for someone unnamed: a description for a name, no
-- authority id, not a state. Exports write an actor's flag only where it differs from this.
CREATE FUNCTION unidentified_by_name(kind actor_kind, name text, wikidata_id text, viaf_id text, gnd_id text)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    kind <> 'state' AND num_nulls(wikidata_id, viaf_id, gnd_id) = 3 AND is_unnamed_description(name);

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
CREATE INDEX actor_name_search ON actor USING gin (to_tsvector('chancery', name));
CREATE INDEX actor_name_trigram ON actor USING gin (lower(name) gin_trgm_ops);

-- Other names in any script: "Jo Biden", "ហ៊ុន សែន", "Kingdom of Cambodia".
CREATE TABLE actor_alias (
    actor_id  bigint NOT NULL REFERENCES actor (id) ON DELETE CASCADE,
    alias     text NOT NULL,
    language  text,
    PRIMARY KEY (actor_id, alias),
    CONSTRAINT actor_alias_not_blank CHECK (btrim(alias) <> ''),
    CONSTRAINT actor_alias_length CHECK (char_length(alias) <= 200),
    CONSTRAINT actor_alias_language CHECK (is_language_tag(language))
);

CREATE INDEX actor_alias_lower ON actor_alias (lower(alias));
CREATE INDEX actor_alias_search ON actor_alias USING gin (to_tsvector('chancery', alias));
CREATE INDEX actor_alias_trigram ON actor_alias USING gin (lower(alias) gin_trgm_ops);

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

-- Adjectival and demonymic forms of a state's name ("Cambodian", "Indian", "French"), for search
-- and for reading news text. Shared by several states ("Dominican", "Congolese") where usage is.
CREATE TABLE demonym (
    state_id    bigint NOT NULL,
    state_kind  actor_kind NOT NULL DEFAULT 'state',
    word        text NOT NULL,
    language    text NOT NULL DEFAULT 'en',
    PRIMARY KEY (state_id, word),
    FOREIGN KEY (state_id, state_kind) REFERENCES actor (id, kind) ON DELETE CASCADE,
    CONSTRAINT demonym_of_state CHECK (state_kind = 'state'),
    CONSTRAINT demonym_not_blank CHECK (btrim(word) <> ''),
    CONSTRAINT demonym_length CHECK (char_length(word) <= 100),
    CONSTRAINT demonym_language CHECK (is_language_tag(language))
);

CREATE INDEX demonym_word ON demonym (lower(word));

-- What the reference loader (`chancery reference update`) has applied, one line per fact ("state
-- KH", "alias KH Kambodscha", "member ASEAN KH 1999-04-30/.."), so a reload adds only what is new
-- and never brings back what a user removed or changed.
CREATE TABLE reference_applied (
    entry       text PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

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

-- Membership of states (or organizations) in organizations over time: Cambodia in ASEAN from 1999.
CREATE TABLE membership (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id          bigint NOT NULL REFERENCES actor (id),
    organization_id    bigint NOT NULL,
    organization_kind  actor_kind NOT NULL DEFAULT 'organization',
    period_edtf        text,
    period_earliest    date,
    period_latest      date,
    period_precision   date_precision,
    FOREIGN KEY (organization_id, organization_kind) REFERENCES actor (id, kind),
    CONSTRAINT membership_of_organization CHECK (organization_kind = 'organization'),
    CONSTRAINT membership_not_self CHECK (member_id <> organization_id),
    CONSTRAINT membership_period_complete CHECK (
        num_nulls(period_edtf, period_earliest, period_latest, period_precision) IN (0, 4)),
    CONSTRAINT membership_period_shape CHECK (is_edtf_shaped(period_edtf)),
    CONSTRAINT membership_period_order CHECK (period_earliest <= period_latest),
    CONSTRAINT membership_unique UNIQUE NULLS NOT DISTINCT (member_id, organization_id, period_edtf)
);

CREATE INDEX membership_organization ON membership (organization_id);

-- Capacities held over time: Hun Sen, Prime Minister of Cambodia; Cambodia, ASEAN Chair (2022);
-- Indonesia, Country Coordinator for ASEAN–U.S. relations.
CREATE TABLE role_held (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    holder_id         bigint NOT NULL REFERENCES actor (id),
    title             text NOT NULL,
    of_id             bigint NOT NULL,
    of_kind           actor_kind NOT NULL,
    period_edtf       text,
    period_earliest   date,
    period_latest     date,
    period_precision  date_precision,
    FOREIGN KEY (of_id, of_kind) REFERENCES actor (id, kind),
    CONSTRAINT role_of_state_or_organization CHECK (of_kind IN ('state', 'organization')),
    CONSTRAINT role_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT role_title_length CHECK (char_length(title) <= 200),
    CONSTRAINT role_period_complete CHECK (
        num_nulls(period_edtf, period_earliest, period_latest, period_precision) IN (0, 4)),
    CONSTRAINT role_period_shape CHECK (is_edtf_shaped(period_edtf)),
    CONSTRAINT role_period_order CHECK (period_earliest <= period_latest),
    CONSTRAINT role_held_unique UNIQUE NULLS NOT DISTINCT (holder_id, title, of_id, period_edtf)
);

CREATE INDEX role_held_holder ON role_held (holder_id);
CREATE INDEX role_held_of ON role_held (of_id);

-- ---------------------------------------------------------------------------------------------
-- Letters and their participants
-- ---------------------------------------------------------------------------------------------

-- Dates are uncertain: the EDTF expression as written, its inclusive bounds (±infinity for open
-- ends, so overlap queries need no NULL cases) and its precision.
CREATE TABLE letter (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref                 text NOT NULL,
    kind                letter_kind NOT NULL DEFAULT 'letter',
    sent_edtf           text NOT NULL,
    sent_earliest       date NOT NULL,
    sent_latest         date NOT NULL,
    sent_precision      date_precision NOT NULL,
    -- Where listings place it (letter_sort_day).
    sent_sort           date GENERATED ALWAYS AS (letter_sort_day(sent_earliest, sent_latest)) STORED,
    received_edtf       text,
    received_earliest   date,
    received_latest     date,
    received_precision  date_precision,
    subject             text NOT NULL,
    -- The subject an import composed ("Letter from A to B") where its source gave none: composed
    -- again when a later import changes the correspondents, and never once a person writes one.
    subject_composed    boolean NOT NULL DEFAULT false,
    summary             text,
    body                text,
    language            text,
    classification      classification_level NOT NULL DEFAULT 'unclassified',
    sent_place          text,
    received_place      text,
    awaiting_reply      boolean NOT NULL DEFAULT false,
    sent_place_geonames_id      bigint,
    received_place_geonames_id  bigint,
    -- The dates as the source writes them ("[1541 kurz vor Juli 18]"), beside the EDTF reading.
    sent_as_written     text,
    received_as_written text,
    -- Where an imported letter came from (an edition's CMIF file, an archive's spreadsheet) and
    -- its identifier there: the natural key that makes re-importing the same file change nothing.
    provenance_id       bigint,
    external_key        text,
    -- What full-text search reads: subject (weight A), summary (B) and the first 100,000
    -- characters of the text (C; a tsvector holds at most 1 MB).
    search_document     tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('chancery', subject), 'A')
        || setweight(to_tsvector('chancery', coalesce(summary, '')), 'B')
        || setweight(to_tsvector('chancery', left(coalesce(body, ''), 100000)), 'C')) STORED,
    -- clock_timestamp, not now(): records made in one transaction keep the order they were made
    -- in, which timelines use to order items whose dates are equally uncertain.
    created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- Bumped by every update (letter_touch) and by the services when a letter's participants,
    -- links or sources change: the API's ETag, so two editors cannot overwrite each other.
    revision            integer NOT NULL DEFAULT 1,
    -- A deleted letter keeps its row, its reference and its history; every listing, report and
    -- search leaves it out.
    deleted_at          timestamptz,
    CONSTRAINT letter_ref_unique UNIQUE (ref),
    CONSTRAINT letter_ref_format CHECK (is_reference_code(ref)),
    CONSTRAINT letter_sent_shape CHECK (is_edtf_shaped(sent_edtf)),
    CONSTRAINT letter_sent_order CHECK (sent_earliest <= sent_latest),
    CONSTRAINT letter_received_complete CHECK (
        num_nulls(received_edtf, received_earliest, received_latest, received_precision) IN (0, 4)),
    CONSTRAINT letter_received_shape CHECK (is_edtf_shaped(received_edtf)),
    CONSTRAINT letter_received_order CHECK (received_earliest <= received_latest),
    CONSTRAINT letter_received_not_before_sent CHECK (received_latest >= sent_earliest),
    CONSTRAINT letter_subject_not_blank CHECK (btrim(subject) <> ''),
    CONSTRAINT letter_subject_length CHECK (char_length(subject) <= 300),
    CONSTRAINT letter_summary_length CHECK (char_length(summary) <= 5000),
    CONSTRAINT letter_body_length CHECK (char_length(body) <= 1000000),
    CONSTRAINT letter_language_tag CHECK (is_language_tag(language)),
    CONSTRAINT letter_sent_place_length CHECK (char_length(sent_place) <= 200),
    CONSTRAINT letter_received_place_length CHECK (char_length(received_place) <= 200),
    CONSTRAINT letter_sent_as_written_length CHECK (char_length(sent_as_written) <= 500),
    CONSTRAINT letter_received_as_written_length CHECK (char_length(received_as_written) <= 500),
    CONSTRAINT letter_geonames_positive CHECK (sent_place_geonames_id > 0 AND received_place_geonames_id > 0),
    CONSTRAINT letter_external_key_complete CHECK ((provenance_id IS NULL) = (external_key IS NULL)),
    CONSTRAINT letter_external_key_length CHECK (char_length(external_key) <= 500),
    CONSTRAINT letter_external_key_unique UNIQUE (provenance_id, external_key),
    -- A letter imported from another register's export: that register's id and the letter's
    -- reference there (the register it was first recorded in, when it came through a third).
    -- References such as US-KH-2022-001 are made alike in every register, so one may take another
    -- here; given back to its register, or met again, it is found by these whatever its ref.
    origin_register     uuid,
    origin_ref          text,
    -- When the export of that register this register last took the letter from was made: an
    -- older export of it, given after, does not roll the letter back.
    origin_as_of        timestamptz,
    CONSTRAINT letter_origin_complete CHECK ((origin_register IS NULL) = (origin_ref IS NULL)),
    CONSTRAINT letter_origin_ref_format CHECK (is_reference_code(origin_ref))
);

CREATE UNIQUE INDEX letter_origin ON letter (origin_register, origin_ref) WHERE origin_register IS NOT NULL;

-- Prefix searches for the next free reference (US-KH-2022-…) use this.
CREATE INDEX letter_ref_pattern ON letter (ref text_pattern_ops);
-- A reference half typed in a form's letter picker, in any case ("kh-us-20…").
CREATE INDEX letter_ref_upper ON letter (upper(ref) text_pattern_ops);

-- Letters in date order: listings read this index in order and stop at a page. A date window
-- reads the letters that start inside it, those that start up to 400 days before it and end in
-- it (for both, the sort day is the earliest day), and the few wider ones through the partial
-- index, also in listing order: a window can overlap thousands of them, so that branch too stops
-- at a page.
CREATE INDEX letter_sent_bounds ON letter (sent_sort, sent_latest, created_at, id);
CREATE INDEX letter_sent_wide_order ON letter (sent_sort, sent_latest, created_at, id) WHERE sent_latest > sent_earliest + 400;
CREATE INDEX letter_kind_sent ON letter (kind, sent_earliest);
CREATE INDEX letter_search ON letter USING gin (search_document);
-- `chancery pending` reads only the letters flagged as awaiting a reply.
CREATE INDEX letter_awaiting_reply ON letter (sent_sort, sent_latest) WHERE awaiting_reply;
-- The register's counts read, for each selected letter, what they divide by; from the index
-- alone, rather than a visit to each letter's row, which for a country's thirty thousand letters
-- scattered through the table took most of the time.
CREATE INDEX letter_counted ON letter (id) INCLUDE (kind, sent_sort, awaiting_reply) WHERE deleted_at IS NULL;

CREATE TABLE letter_participant (
    letter_id        bigint NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    role             participant_role NOT NULL,
    position         smallint NOT NULL,
    actor_id         bigint NOT NULL REFERENCES actor (id),
    capacity         text,
    represents_id    bigint,
    represents_kind  actor_kind,
    -- The name as the source writes it ("Kf. N."), which may differ from the actor's name, and
    -- the editor's marks on it: supplied by the editor ("[Kf. N.]", TEI @evidence="conjecture")
    -- and uncertain ("Kf. N.?", TEI @cert).
    name_as_written  text,
    name_supplied    boolean NOT NULL DEFAULT false,
    name_uncertain   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (letter_id, role, position),
    FOREIGN KEY (represents_id, represents_kind) REFERENCES actor (id, kind),
    CONSTRAINT participant_position_positive CHECK (position >= 1),
    CONSTRAINT participant_once_per_role UNIQUE (letter_id, role, actor_id),
    CONSTRAINT participant_represents_state_or_organization
        CHECK (represents_kind IN ('state', 'organization')),
    CONSTRAINT participant_represents_complete
        CHECK ((represents_id IS NULL) = (represents_kind IS NULL)),
    CONSTRAINT participant_capacity_length CHECK (char_length(capacity) <= 200),
    CONSTRAINT participant_name_as_written_not_blank CHECK (btrim(name_as_written) <> ''),
    CONSTRAINT participant_name_as_written_length CHECK (char_length(name_as_written) <= 200)
);

CREATE INDEX letter_participant_actor ON letter_participant (actor_id, role);
CREATE INDEX letter_participant_represents ON letter_participant (represents_id, role);

-- Every spelling a letter uses for an actor is one of the actor's names: "Kf. N." becomes an
-- alias of the elector first met as "Hz. N.", so a search or a lookup by either finds him.
CREATE FUNCTION record_names_as_written() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO actor_alias (actor_id, alias)
    SELECT DISTINCT n.actor_id, n.name_as_written
    FROM new_participants n JOIN actor a ON a.id = n.actor_id
    WHERE n.name_as_written IS NOT NULL AND lower(n.name_as_written) <> lower(a.name)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER letter_participant_names_as_written
    AFTER INSERT ON letter_participant REFERENCING NEW TABLE AS new_participants
    FOR EACH STATEMENT EXECUTE FUNCTION record_names_as_written();

-- Every letter has at least one author and one recipient once its transaction commits.
CREATE FUNCTION check_letter_has_author_and_recipient() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    checked_id bigint;
BEGIN
    -- Each branch names a column of its own table only, so it is planned only when taken.
    IF TG_TABLE_NAME = 'letter' THEN
        checked_id := NEW.id;
    ELSE
        checked_id := OLD.letter_id;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM letter WHERE id = checked_id) THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM letter_participant
                   WHERE letter_id = checked_id AND role IN ('author', 'signatory')) THEN
        RAISE EXCEPTION 'letter % has no author', checked_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'letter_has_author',
                  HINT = 'Add a letter_participant row with role author.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM letter_participant
                   WHERE letter_id = checked_id AND role = 'recipient') THEN
        RAISE EXCEPTION 'letter % has no recipient', checked_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'letter_has_recipient',
                  HINT = 'Add a letter_participant row with role recipient.';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER letter_has_participants
    AFTER INSERT ON letter DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_letter_has_author_and_recipient();

CREATE CONSTRAINT TRIGGER letter_keeps_participants
    AFTER UPDATE OR DELETE ON letter_participant DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_letter_has_author_and_recipient();

-- Who takes part in a letter, on which side, and for which country: the actor's own ISO code
-- when it is a state, else that of the state it represents. "Exchanges by country" read this.
CREATE VIEW letter_party AS
SELECT p.letter_id,
       p.role,
       p.position,
       p.actor_id,
       p.represents_id,
       CASE WHEN p.role IN ('author', 'signatory') THEN 'from'
            WHEN p.role IN ('recipient', 'cc') THEN 'to'
            ELSE 'via' END AS side,
       coalesce(a.iso_code, r.iso_code) AS country_code
FROM letter_participant p
JOIN actor a ON a.id = p.actor_id
LEFT JOIN actor r ON r.id = p.represents_id;

-- letter_id reply_to target_id: the letter answers the target; encloses: the target travelled
-- inside it; forwards: it passes the target on; refers_to: it mentions the target.
CREATE TABLE letter_link (
    letter_id  bigint NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    kind       letter_link_kind NOT NULL,
    target_id  bigint NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    PRIMARY KEY (letter_id, kind, target_id),
    CONSTRAINT letter_link_not_self CHECK (letter_id <> target_id)
);

CREATE INDEX letter_link_target ON letter_link (target_id, kind);

-- ---------------------------------------------------------------------------------------------
-- Letter listings: derived tables that let "letters of X, by date" read one index in order
-- ---------------------------------------------------------------------------------------------

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
    created_at     timestamptz NOT NULL,
    sent_sort      date GENERATED ALWAYS AS (letter_sort_day(sent_earliest, sent_latest)) STORED
);

CREATE INDEX letter_by_party_order ON letter_by_party (party_id, sent_sort, sent_latest, created_at, letter_id) INCLUDE (sides);
-- A date window's wide letters of a party, in listing order (see letter_sent_wide_order).
CREATE INDEX letter_by_party_wide_order ON letter_by_party (party_id, sent_sort, sent_latest, created_at, letter_id) INCLUDE (sides)
    WHERE sent_latest > sent_earliest + 400;
-- A letter's parties, from the index alone (the register's counts read them for every letter selected).
CREATE INDEX letter_by_party_letter ON letter_by_party (letter_id) INCLUDE (party_id, sides);

-- One row per letter and pair of states on opposite sides (lower actor id first): "letters
-- between the United States and Cambodia, either way".
CREATE TABLE letter_by_country_pair (
    low_state_id   bigint NOT NULL,
    high_state_id  bigint NOT NULL,
    letter_id      bigint NOT NULL,
    sent_earliest  date NOT NULL,
    sent_latest    date NOT NULL,
    created_at     timestamptz NOT NULL,
    sent_sort      date GENERATED ALWAYS AS (letter_sort_day(sent_earliest, sent_latest)) STORED,
    CONSTRAINT letter_by_country_pair_ordered CHECK (low_state_id < high_state_id)
);

CREATE INDEX letter_by_country_pair_order
    ON letter_by_country_pair (low_state_id, high_state_id, sent_sort, sent_latest, created_at, letter_id);
CREATE INDEX letter_by_country_pair_wide_order
    ON letter_by_country_pair (low_state_id, high_state_id, sent_sort, sent_latest, created_at, letter_id)
    WHERE sent_latest > sent_earliest + 400;
CREATE INDEX letter_by_country_pair_letter ON letter_by_country_pair (letter_id) INCLUDE (low_state_id, high_state_id);

-- The state each participant stands for: itself when it is one, else the state it acts for.
CREATE VIEW letter_participant_state AS
SELECT p.letter_id, p.role, coalesce(CASE WHEN a.kind = 'state' THEN a.id END,
                                     CASE WHEN p.represents_kind = 'state' THEN p.represents_id END) AS state_id
FROM letter_participant p JOIN actor a ON a.id = p.actor_id
WHERE a.kind = 'state' OR p.represents_kind = 'state';

-- ---------------------------------------------------------------------------------------------
-- The register's counts: kept current by the listing triggers, so that `chancery stats`, the
-- network and `GET /v1/stats` read a few thousand rows instead of every letter
-- ---------------------------------------------------------------------------------------------

-- What each letter counted for when it was last relisted, so that a change can take exactly
-- that away again: its year and kind (a deleted letter has no row) ...
CREATE TABLE letter_census (
    letter_id  bigint PRIMARY KEY,
    -- The earliest bound's year (astronomical, as EDTF: 45 BC is -44); an open start falls back to
    -- the latest bound's; NULL: undated.
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

-- A day's year as EDTF numbers it (1 BC is 0, 45 BC is -44), which the date filters read;
-- extract(year) counts as people do, with no year 0 (45 BC is -45). NULL for an open end
-- (±infinity), which has no year.
CREATE FUNCTION astronomical_year(day date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN isfinite(day)
                THEN extract(year FROM day)::integer + CASE WHEN extract(year FROM day) < 0 THEN 1 ELSE 0 END END
$$;

CREATE VIEW letter_census_source AS
SELECT l.id AS letter_id,
       CASE WHEN isfinite(l.sent_earliest) THEN astronomical_year(l.sent_earliest)
            WHEN isfinite(l.sent_latest) THEN astronomical_year(l.sent_latest) END AS year,
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
-- The pairs of states below work the same way (37,000 of them at a million letters took 14 ms
-- to sum).
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
    letters         integer NOT NULL,
    partial         boolean NOT NULL DEFAULT true,
    written_by      bigint NOT NULL DEFAULT txid_current()
);

-- With the counts, so that a network of states reads its pairs in key order from the index
-- alone (12 ms at a million letters): the rows lie in no order, and sorting them took 45 ms.
CREATE INDEX census_by_country_pair_key ON census_by_country_pair (sender_code, recipient_code) INCLUDE (addressed, letters);
CREATE INDEX census_by_country_pair_busiest ON census_by_country_pair (addressed DESC) WHERE NOT partial;
CREATE INDEX census_by_country_pair_partial ON census_by_country_pair (sender_code, recipient_code) WHERE partial;
-- A kept country network is brought up to date from the pairs whose rows were written since it
-- was read (`KeptNetworks`).
CREATE INDEX census_by_country_pair_writer ON census_by_country_pair (written_by);

-- What networks are computed from: the pairs of actors, actors and participants (networks of
-- actors); country names (networks of states, read whole again after one changes); the pairs of
-- states (networks of states, brought up to date from the pairs whose rows were written since).
CREATE TYPE network_input AS ENUM ('actors', 'countries', 'country pairs');

-- The transactions that changed what a network over the whole register is computed from, and
-- what they changed. The service keeps such a network with the snapshot it was read in, and
-- serves it again while no transaction here that it depends on committed outside that snapshot
-- (`KeptNetworks`): 37,000 edges at a million letters are read once, then follow the pairs each
-- change writes. One row per writing transaction and input, written by statement triggers;
-- concurrent writers insert different keys and never wait for each other. A row that
-- `marks_forgetting` was written by `forget_network_changes()` instead: it stands for the
-- changes that run forgot, and stays until a later run forgets more of that input.
CREATE TABLE network_change (
    txid   xid8 NOT NULL,
    input  network_input NOT NULL,
    marks_forgetting boolean NOT NULL DEFAULT false,
    PRIMARY KEY (txid, input)
);

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

CREATE FUNCTION fold_census_by_country_pair(sender_codes char(2)[], recipient_codes char(2)[]) RETURNS void
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
        RETURNING t.sender_code, t.recipient_code, t.addressed, t.letters, t.written_by),
    -- A pair whose last letter went leaves no row to say it changed: networks kept before are
    -- read whole again.
    vanished AS (
        INSERT INTO network_change (txid, input)
        SELECT pg_current_xact_id(), 'countries'
        FROM folded f JOIN visible v ON v.sender_code = f.sender_code AND v.recipient_code = f.recipient_code
        GROUP BY f.sender_code, f.recipient_code, v.n
        HAVING (sum(f.addressed), sum(f.letters)) = (0, 0) AND count(*) = v.n
        LIMIT 1
        ON CONFLICT DO NOTHING)
    -- Partial as for the pairs of actors above.
    INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters, partial)
    SELECT f.sender_code, f.recipient_code, sum(f.addressed), sum(f.letters),
           count(*) < v.n OR bool_and(f.written_by = txid_current())
    FROM folded f JOIN visible v ON v.sender_code = f.sender_code AND v.recipient_code = f.recipient_code
    GROUP BY f.sender_code, f.recipient_code, v.n
    HAVING (sum(f.addressed), sum(f.letters)) <> (0, 0) OR count(*) < v.n;
$$;

-- Notes the input named by the trigger's argument. The pairs of states are followed by the rows
-- their writers insert (the functions below only insert and delete them); emptying them, or
-- changing rows in place, leaves no row to say which pairs changed, so it counts as a change of
-- countries.
CREATE FUNCTION note_network_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO network_change (txid, input)
    VALUES (pg_current_xact_id(),
            CASE WHEN TG_OP IN ('TRUNCATE', 'UPDATE') AND TG_ARGV[0] = 'country pairs' THEN 'countries' ELSE TG_ARGV[0] END::network_input)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER actor_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actor
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('actors');
CREATE TRIGGER country_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('countries');
CREATE TRIGGER letter_participant_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON letter_participant
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('actors');
CREATE TRIGGER census_by_actor_pair_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON census_by_actor_pair
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('actors');
CREATE TRIGGER census_by_country_pair_network_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON census_by_country_pair
    FOR EACH STATEMENT EXECUTE FUNCTION note_network_change('country pairs');

-- Forgets the changes every session can see (an import and a running service call it). The row
-- it then writes for itself, one per input it forgot changes of, tells a network kept before a
-- forgotten change that it is out of date: this transaction commits after every change it
-- forgets (the pairs' rows keep their writers, so a network of states still follows them). It
-- replaces the input's earlier such row, which it commits after too. Such rows are never
-- forgotten themselves: a run that forgot only them would write new ones, and every network
-- kept since would be read again each run with nothing changed. Rows another transaction is
-- forgetting at the same time are skipped rather than waited for.
CREATE FUNCTION forget_network_changes() RETURNS void
LANGUAGE sql AS $$
    WITH forgotten AS (
        DELETE FROM network_change WHERE (txid, input) IN (
            SELECT txid, input FROM network_change
            WHERE txid < pg_snapshot_xmin(pg_current_snapshot()) AND NOT marks_forgetting FOR UPDATE SKIP LOCKED)
        RETURNING input),
    replaced AS (
        DELETE FROM network_change WHERE (txid, input) IN (
            SELECT txid, input FROM network_change
            WHERE marks_forgetting AND txid <> pg_current_xact_id() AND input IN (SELECT input FROM forgotten)
            FOR UPDATE SKIP LOCKED))
    INSERT INTO network_change (txid, input, marks_forgetting) SELECT DISTINCT pg_current_xact_id(), input, true FROM forgotten
    ON CONFLICT DO NOTHING;
$$;

-- Folds the partial keys again, in a transaction of its own after their writers committed (an
-- import calls it); keys still held by a writer stay partial. The counts are exact either way.
-- It also forgets the changes every session can see.
CREATE FUNCTION settle_census() RETURNS void
LANGUAGE sql AS $$
    SELECT fold_census_by_actor_pair(array_agg(sender_id), array_agg(recipient_id))
    FROM (SELECT DISTINCT sender_id, recipient_id FROM census_by_actor_pair WHERE partial) AS k
    HAVING count(*) > 0;
    SELECT fold_census_by_country_pair(array_agg(sender_code), array_agg(recipient_code))
    FROM (SELECT DISTINCT sender_code, recipient_code FROM census_by_country_pair WHERE partial) AS k
    HAVING count(*) > 0;
    SELECT forget_network_changes();
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
    INSERT INTO census_by_country_pair (sender_code, recipient_code, addressed, letters, partial)
    SELECT sender_code, recipient_code, count(*) FILTER (WHERE addressed), count(*), false
    FROM (SELECT letter_id, sender_code, recipient_code, bool_or(addressed) AS addressed
          FROM letter_edge WHERE sender_code IS NOT NULL AND recipient_code IS NOT NULL
          GROUP BY letter_id, sender_code, recipient_code) AS p
    GROUP BY sender_code, recipient_code;
$$;

-- Rebuilds the listing rows of some letters from their participants and dates, and recounts them.
CREATE FUNCTION relist_letters(letter_ids bigint[]) RETURNS void
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

-- Statement-level, so a bulk import relists its letters in one pass at the end of each statement.
-- An import defers it (`chancery.relist_deferred`, set for its transaction only) and relists its
-- letters itself after refreshing the planner's statistics: inside one statement's trigger the
-- statistics may still say the tables are empty (after a vacuum of rolled-back rows, say), and the
-- relisting of 50,000 letters planned for an empty table ran for hours.
CREATE FUNCTION relist_changed_participants() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('chancery.relist_deferred', true) = 'on' THEN
        RETURN NULL;
    END IF;
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

-- A letter whose date changes moves in every listing; one deleted (softly) leaves them, and
-- one restored comes back; one whose kind changes is counted again. (A letter's row deleted outright takes its participants with it,
-- and their trigger removes its listing rows.)
CREATE FUNCTION relist_redated_letters() RETURNS trigger
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

CREATE TRIGGER letter_relist_update AFTER UPDATE ON letter
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relist_redated_letters();

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

CREATE FUNCTION touch_letter() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    NEW.revision := OLD.revision + 1;
    RETURN NEW;
END $$;

CREATE TRIGGER letter_touch BEFORE UPDATE ON letter
    FOR EACH ROW EXECUTE FUNCTION touch_letter();

-- ---------------------------------------------------------------------------------------------
-- Events, invitations and responses
-- ---------------------------------------------------------------------------------------------

CREATE TABLE event (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref               text NOT NULL,
    name              text NOT NULL,
    kind              event_kind NOT NULL DEFAULT 'summit',
    status            event_status NOT NULL DEFAULT 'proposed',
    host_id           bigint REFERENCES actor (id),
    city              text,
    country_code      char(2) REFERENCES country (code),
    geonames_id       bigint,
    period_edtf       text,
    period_earliest   date,
    period_latest     date,
    period_precision  date_precision,
    cameo_code        text,
    summary           text,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- An event imported from another register's export: where it was first recorded, as for
    -- letters (letter.origin_register).
    origin_register   uuid,
    origin_ref        text,
    -- When the export of that register this register last took the event from was made: an
    -- older export of it, given after, does not roll the event back.
    origin_as_of      timestamptz,
    CONSTRAINT event_origin_complete CHECK ((origin_register IS NULL) = (origin_ref IS NULL)),
    CONSTRAINT event_origin_ref_format CHECK (is_reference_code(origin_ref)),
    CONSTRAINT event_ref_unique UNIQUE (ref),
    CONSTRAINT event_ref_format CHECK (is_reference_code(ref)),
    CONSTRAINT event_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT event_name_length CHECK (char_length(name) <= 300),
    CONSTRAINT event_city_length CHECK (char_length(city) <= 200),
    CONSTRAINT event_geonames_positive CHECK (geonames_id > 0),
    CONSTRAINT event_period_complete CHECK (
        num_nulls(period_edtf, period_earliest, period_latest, period_precision) IN (0, 4)),
    CONSTRAINT event_period_shape CHECK (is_edtf_shaped(period_edtf)),
    CONSTRAINT event_period_order CHECK (period_earliest <= period_latest),
    CONSTRAINT event_held_has_period CHECK (status <> 'held' OR period_edtf IS NOT NULL),
    CONSTRAINT event_cameo_format CHECK (cameo_code ~ '^[0-9]{2,4}$'),
    CONSTRAINT event_summary_length CHECK (char_length(summary) <= 5000)
);

CREATE INDEX event_period ON event (period_earliest, period_latest);
CREATE INDEX event_country ON event (country_code);
CREATE INDEX event_host ON event (host_id);
CREATE UNIQUE INDEX event_origin ON event (origin_register, origin_ref) WHERE origin_register IS NOT NULL;

CREATE TABLE event_participant (
    event_id  bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    actor_id  bigint NOT NULL REFERENCES actor (id),
    capacity  text,
    PRIMARY KEY (event_id, actor_id),
    CONSTRAINT event_participant_capacity_length CHECK (char_length(capacity) <= 200)
);

CREATE INDEX event_participant_actor ON event_participant (actor_id);

-- Letters about an event beyond those carrying its invitation: follow-ups, read-outs.
CREATE TABLE letter_event (
    letter_id  bigint NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    event_id   bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    PRIMARY KEY (letter_id, event_id)
);

CREATE INDEX letter_event_event ON letter_event (event_id);

CREATE TABLE invitation (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref                      text NOT NULL,
    inviter_id               bigint NOT NULL REFERENCES actor (id),
    inviter_capacity         text,
    inviter_represents_id    bigint,
    inviter_represents_kind  actor_kind,
    event_id                 bigint REFERENCES event (id) ON DELETE SET NULL,
    letter_id                bigint REFERENCES letter (id) ON DELETE SET NULL,
    issued_edtf              text NOT NULL,
    issued_earliest          date NOT NULL,
    issued_latest            date NOT NULL,
    issued_precision         date_precision NOT NULL,
    reply_by                 date,
    summary                  text,
    created_at               timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- An invitation imported from another register's export: where it was first recorded.
    origin_register          uuid,
    origin_ref               text,
    -- When the export of that register this register last took the invitation (or an answer to
    -- it) from was made.
    origin_as_of             timestamptz,
    CONSTRAINT invitation_origin_complete CHECK ((origin_register IS NULL) = (origin_ref IS NULL)),
    CONSTRAINT invitation_origin_ref_format CHECK (is_reference_code(origin_ref)),
    FOREIGN KEY (inviter_represents_id, inviter_represents_kind) REFERENCES actor (id, kind),
    CONSTRAINT invitation_ref_unique UNIQUE (ref),
    CONSTRAINT invitation_ref_format CHECK (is_reference_code(ref)),
    CONSTRAINT invitation_represents_state_or_organization
        CHECK (inviter_represents_kind IN ('state', 'organization')),
    CONSTRAINT invitation_represents_complete
        CHECK ((inviter_represents_id IS NULL) = (inviter_represents_kind IS NULL)),
    CONSTRAINT invitation_capacity_length CHECK (char_length(inviter_capacity) <= 200),
    CONSTRAINT invitation_issued_shape CHECK (is_edtf_shaped(issued_edtf)),
    CONSTRAINT invitation_issued_order CHECK (issued_earliest <= issued_latest),
    CONSTRAINT invitation_summary_length CHECK (char_length(summary) <= 5000)
);

CREATE INDEX invitation_issued ON invitation (issued_earliest, issued_latest);
CREATE INDEX invitation_event ON invitation (event_id);
CREATE INDEX invitation_inviter ON invitation (inviter_id);
-- A letter's detail lists the invitations it extends; deleting a letter checks them too.
CREATE INDEX invitation_letter ON invitation (letter_id);
CREATE INDEX invitation_inviter_represents ON invitation (inviter_represents_id);
CREATE UNIQUE INDEX invitation_origin ON invitation (origin_register, origin_ref) WHERE origin_register IS NOT NULL;

-- One row per invitee; an organization invitee stands for its members' leaders.
CREATE TABLE invitation_invitee (
    invitation_id         bigint NOT NULL REFERENCES invitation (id) ON DELETE CASCADE,
    invitee_id            bigint NOT NULL REFERENCES actor (id),
    represents_id         bigint,
    represents_kind       actor_kind,
    status                response_status NOT NULL DEFAULT 'pending',
    responded_edtf        text,
    responded_earliest    date,
    responded_latest      date,
    responded_precision   date_precision,
    response_letter_id    bigint REFERENCES letter (id) ON DELETE SET NULL,
    note                  text,
    recorded_at           timestamptz,
    PRIMARY KEY (invitation_id, invitee_id),
    FOREIGN KEY (represents_id, represents_kind) REFERENCES actor (id, kind),
    CONSTRAINT invitee_represents_state_or_organization
        CHECK (represents_kind IN ('state', 'organization')),
    CONSTRAINT invitee_represents_complete CHECK ((represents_id IS NULL) = (represents_kind IS NULL)),
    CONSTRAINT invitee_response_recorded CHECK ((status = 'pending') = (recorded_at IS NULL)),
    CONSTRAINT invitee_response_complete CHECK (
        num_nulls(responded_edtf, responded_earliest, responded_latest, responded_precision) IN (0, 4)),
    CONSTRAINT invitee_response_dated CHECK ((status = 'pending') = (responded_edtf IS NULL)),
    CONSTRAINT invitee_response_shape CHECK (is_edtf_shaped(responded_edtf)),
    CONSTRAINT invitee_response_order CHECK (responded_earliest <= responded_latest),
    CONSTRAINT invitee_note_length CHECK (char_length(note) <= 2000)
);

CREATE INDEX invitation_invitee_actor ON invitation_invitee (invitee_id);
CREATE INDEX invitation_invitee_represents ON invitation_invitee (represents_id);
CREATE INDEX invitation_invitee_pending ON invitation_invitee (invitation_id) WHERE status = 'pending';
-- A limited timeline reads the answers dated up to its page's last letter (TimelineService).
CREATE INDEX invitation_invitee_responded ON invitation_invitee (responded_earliest, responded_latest) WHERE status <> 'pending';
-- The letters answering invitations: an event's dossier and the register's event counts find
-- them from the letter, and removing a letter clears its answers.
CREATE INDEX invitation_invitee_response_letter ON invitation_invitee (response_letter_id) WHERE response_letter_id IS NOT NULL;

-- Who takes part in an invitation, and for which country: the inviter and every invitee.
CREATE VIEW invitation_party AS
SELECT i.id AS invitation_id, 'inviter' AS side, i.inviter_id AS actor_id,
       coalesce(a.iso_code, r.iso_code) AS country_code
FROM invitation i
JOIN actor a ON a.id = i.inviter_id
LEFT JOIN actor r ON r.id = i.inviter_represents_id
UNION ALL
SELECT v.invitation_id, 'invitee', v.invitee_id, coalesce(a.iso_code, r.iso_code)
FROM invitation_invitee v
JOIN actor a ON a.id = v.invitee_id
LEFT JOIN actor r ON r.id = v.represents_id;

-- Who an event involves, and for which country: host, participants and the venue's country.
CREATE VIEW event_party AS
SELECT e.id AS event_id, 'host' AS side, e.host_id AS actor_id, a.iso_code AS country_code
FROM event e JOIN actor a ON a.id = e.host_id
UNION ALL
SELECT p.event_id, 'participant', p.actor_id, a.iso_code
FROM event_participant p JOIN actor a ON a.id = p.actor_id
UNION ALL
SELECT e.id, 'venue', NULL, e.country_code
FROM event e WHERE e.country_code IS NOT NULL;

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

-- ---------------------------------------------------------------------------------------------
-- Sources and citations
-- ---------------------------------------------------------------------------------------------

CREATE TABLE source (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                source_kind NOT NULL DEFAULT 'news',
    title               text NOT NULL,
    publisher           text,
    url                 text,
    published_edtf      text,
    published_earliest  date,
    published_latest    date,
    published_precision date_precision,
    retrieved_on        date,
    excerpt             text,
    CONSTRAINT source_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT source_title_length CHECK (char_length(title) <= 500),
    CONSTRAINT source_publisher_length CHECK (char_length(publisher) <= 200),
    CONSTRAINT source_url_format CHECK (url ~ '^https?://[^[:space:]]+$' AND char_length(url) <= 2000),
    CONSTRAINT source_url_unique UNIQUE (url),
    CONSTRAINT source_published_complete CHECK (
        num_nulls(published_edtf, published_earliest, published_latest, published_precision) IN (0, 4)),
    CONSTRAINT source_published_shape CHECK (is_edtf_shaped(published_edtf)),
    CONSTRAINT source_published_order CHECK (published_earliest <= published_latest),
    CONSTRAINT source_excerpt_length CHECK (char_length(excerpt) <= 20000),
    -- Counts the source's changes: its ETag.
    revision            integer NOT NULL DEFAULT 1
);

-- A source without a URL (a printed article, an archive file) is known by its title.
CREATE UNIQUE INDEX source_title_without_url ON source (title) WHERE url IS NULL;

ALTER TABLE letter ADD CONSTRAINT letter_provenance_fk FOREIGN KEY (provenance_id) REFERENCES source (id);

-- A citation supports exactly one record, optionally quoting the sentence that does.
CREATE TABLE citation (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id      bigint NOT NULL REFERENCES source (id),
    letter_id      bigint REFERENCES letter (id) ON DELETE CASCADE,
    invitation_id  bigint REFERENCES invitation (id) ON DELETE CASCADE,
    event_id       bigint REFERENCES event (id) ON DELETE CASCADE,
    actor_id       bigint REFERENCES actor (id) ON DELETE CASCADE,
    role_id        bigint REFERENCES role_held (id) ON DELETE CASCADE,
    quote          text,
    locator        text,
    CONSTRAINT citation_supports_one_record
        CHECK (num_nonnulls(letter_id, invitation_id, event_id, actor_id, role_id) = 1),
    CONSTRAINT citation_quote_length CHECK (char_length(quote) <= 5000),
    CONSTRAINT citation_locator_length CHECK (char_length(locator) <= 200),
    CONSTRAINT citation_unique
        UNIQUE NULLS NOT DISTINCT (source_id, letter_id, invitation_id, event_id, actor_id, role_id)
);

CREATE INDEX citation_letter ON citation (letter_id) WHERE letter_id IS NOT NULL;
CREATE INDEX citation_invitation ON citation (invitation_id) WHERE invitation_id IS NOT NULL;
CREATE INDEX citation_event ON citation (event_id) WHERE event_id IS NOT NULL;

-- A corrected source is a new revision of it. A letter shows the kind, title, publisher, URL and
-- date of publication of the sources it cites, so correcting one of those changes every letter
-- citing the source: their revisions (ETags) move with it, or a client holding a letter would be
-- told it is current (304) with the old source in it.
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

-- ---------------------------------------------------------------------------------------------
-- API access: bearer tokens and idempotent requests
-- ---------------------------------------------------------------------------------------------

-- Readers read; editors also write; admins also manage tokens.
CREATE TYPE api_role AS ENUM ('reader', 'editor', 'admin');

-- A token's secret is shown once, when it is made; only its SHA-256 is kept, so a copy of the
-- database does not give access. Revoked tokens stay, so history keeps naming who they were.
CREATE TABLE api_token (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL,
    role         api_role NOT NULL,
    secret_hash  bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL,
    revoked_at   timestamptz,
    CONSTRAINT api_token_name_format CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,62}$'),
    CONSTRAINT api_token_secret_hash_length CHECK (octet_length(secret_hash) = 32),
    CONSTRAINT api_token_secret_hash_unique UNIQUE (secret_hash)
);

-- One name per token ever issued: history rows name tokens, so a name is never reused.
CREATE UNIQUE INDEX api_token_name_unique ON api_token (lower(name));

-- ---------------------------------------------------------------------------------------------
-- The web interface's people: accounts, sessions and failed sign-ins
-- ---------------------------------------------------------------------------------------------

-- A person who signs in to the web interface. The password is kept only as a bcrypt hash (salted,
-- slow); roles mean what they mean for tokens. Accounts are disabled, never deleted, and their
-- names never reused, so history's `user:<name>` keeps naming exactly one person.
CREATE TABLE app_user (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                 text NOT NULL,
    role                 api_role NOT NULL,
    password_hash        text NOT NULL,
    password_changed_at  timestamptz NOT NULL DEFAULT now(),
    created_at           timestamptz NOT NULL DEFAULT now(),
    created_by           text NOT NULL,
    disabled_at          timestamptz,
    CONSTRAINT app_user_name_format CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,62}$'),
    CONSTRAINT app_user_password_hash_format CHECK (password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$')
);

CREATE UNIQUE INDEX app_user_name_unique ON app_user (lower(name));

-- A signed-in browser. Only the SHA-256 of the cookie's secret is kept; several `serve` processes
-- share the table, so a session works whichever process answers. Signing out, disabling the
-- account or changing its password ends it here, on the server.
CREATE TABLE web_session (
    secret_hash  bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES app_user (id),
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    CONSTRAINT web_session_secret_hash_length CHECK (octet_length(secret_hash) = 32),
    CONSTRAINT web_session_csrf_token_length CHECK (char_length(csrf_token) >= 32),
    CONSTRAINT web_session_expiry_after_start CHECK (expires_at > created_at)
);

CREATE INDEX web_session_user ON web_session (user_id) WHERE ended_at IS NULL;

-- Failed sign-ins, counted per account and per client address over a recent window to slow and
-- then refuse guessing. Kept in the database so every `serve` process counts the same failures.
CREATE TABLE sign_in_failure (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account         text NOT NULL,
    client_address  text NOT NULL,
    failed_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sign_in_failure_account_length CHECK (char_length(account) <= 200)
);

CREATE INDEX sign_in_failure_by_account ON sign_in_failure (account, failed_at);
CREATE INDEX sign_in_failure_by_client ON sign_in_failure (client_address, failed_at);

-- A request retried with the same Idempotency-Key returns what the first one did instead of
-- creating a second record. The key is claimed in the transaction that creates the record, so
-- the record and its key are committed together or not at all. `fingerprint` is the SHA-256 of
-- the method, path and body: the same key with another request is refused.
CREATE TABLE idempotent_request (
    scope        text NOT NULL,
    key          text NOT NULL,
    fingerprint  bytea NOT NULL,
    result       jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key),
    CONSTRAINT idempotent_request_key_length CHECK (char_length(key) BETWEEN 1 AND 255)
);

CREATE INDEX idempotent_request_age ON idempotent_request (created_at);

-- ---------------------------------------------------------------------------------------------
-- History: every insert, update and delete, with who, when, before and after
-- ---------------------------------------------------------------------------------------------

CREATE TABLE history (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name      text NOT NULL,
    operation       text NOT NULL,
    row_key         jsonb NOT NULL,
    changed_by      text NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    transaction_id  bigint NOT NULL DEFAULT txid_current(),
    before          jsonb,
    after           jsonb,
    CONSTRAINT history_operation CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    CONSTRAINT history_images CHECK (
        (operation = 'INSERT' AND before IS NULL AND after IS NOT NULL)
        OR (operation = 'UPDATE' AND before IS NOT NULL AND after IS NOT NULL)
        OR (operation = 'DELETE' AND before IS NOT NULL AND after IS NULL))
);

CREATE INDEX history_row ON history (table_name, row_key);
CREATE INDEX history_letter ON history (((row_key ->> 'letter_id')::bigint))
    WHERE row_key ? 'letter_id';
-- A letter's citations, removed ones too (a citation's key is its own id): the letter's history
-- and an import of the register's own export read them by the letter they belong to.
CREATE INDEX history_citation_letter ON history (((coalesce(after, before) ->> 'letter_id')::bigint))
    WHERE table_name = 'citation';
-- An event's participants and an invitation's invitees, by the event or invitation their key names.
CREATE INDEX history_event_participant ON history (((row_key ->> 'event_id')::bigint))
    WHERE table_name = 'event_participant';
CREATE INDEX history_invitation_invitee ON history (((row_key ->> 'invitation_id')::bigint))
    WHERE table_name = 'invitation_invitee';

-- Who made a change: the service layer sets chancery.changed_by for its transaction (the CLI
-- user, later an API token's name); plain SQL sessions are recorded as their database user.
-- Statement-level triggers with transition tables write one INSERT … SELECT per statement, so a
-- bulk import of a million letters is audited without a trigger call per row. The trigger's
-- arguments name the row's key columns; an UPDATE that leaves a row as it was is not recorded,
-- and one that changes a row's key is recorded as a DELETE and an INSERT.
-- A letter's search_document is left out: it is derived from columns that are recorded.
CREATE FUNCTION record_history_rows() RETURNS trigger
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

-- History is append-only: nothing recorded there is lost.
CREATE FUNCTION refuse_history_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only'
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'History rows are written by triggers and never changed or deleted.';
END $$;

CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- Three triggers per audited table (PostgreSQL allows transition tables on one event each).
DO $$
DECLARE
    audited record;
    arguments text;
BEGIN
    FOR audited IN SELECT * FROM (VALUES
        ('actor', ARRAY['id']), ('actor_alias', ARRAY['actor_id', 'alias']), ('demonym', ARRAY['state_id', 'word']),
        ('membership', ARRAY['id']),
        ('role_held', ARRAY['id']), ('letter', ARRAY['id']), ('letter_participant', ARRAY['letter_id', 'role', 'position']),
        ('letter_link', ARRAY['letter_id', 'kind', 'target_id']), ('event', ARRAY['id']),
        ('event_participant', ARRAY['event_id', 'actor_id']), ('letter_event', ARRAY['letter_id', 'event_id']),
        ('invitation', ARRAY['id']), ('invitation_invitee', ARRAY['invitation_id', 'invitee_id']),
        ('source', ARRAY['id']), ('citation', ARRAY['id']), ('api_token', ARRAY['id'])) AS t(table_name, key_columns)
    LOOP
        arguments := (SELECT string_agg(quote_literal(k), ', ') FROM unnest(audited.key_columns) AS k);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows(%s)',
                       audited.table_name || '_history_insert', audited.table_name, arguments);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows(%s)',
                       audited.table_name || '_history_update', audited.table_name, arguments);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION record_history_rows(%s)',
                       audited.table_name || '_history_delete', audited.table_name, arguments);
    END LOOP;
END $$;
