import LibPQClient
import ChanceryInterchange
import ChanceryModel

/// Merges staged letters: matches them to stored letters by reference or by provenance and key,
/// resolves participants (inferring whom a person acts for from the roles they hold at the
/// letter's date, as `letter add` does), links and events, and writes new and changed letters
/// with set-based statements.
struct LetterMerge {
    let connection: PostgresConnection
    let actors: ActorMerge

    /// How messages name an edition: the start of its title (a CMIF bibl is a whole citation).
    /// `column` is a column name fixed by this type's code.
    private static func editionName(_ column: String) -> String {
        "CASE WHEN char_length(\(column)) > 60 THEN left(\(column), 59) || '…' ELSE \(column) END"
    }

    /// Finds stored letters for the records of `stg_foreign_ref` still without one (`records`
    /// says which): letters of the same date bounds and correspondents (and subject, `bySubject`)
    /// that `letters` admits, none taken twice; records and letters alike are paired in order.
    /// Found through a sender's letters (indexed), not by reading every letter. The arguments are
    /// fixed fragments of this type's code.
    private static func findForeignLetters(records: String, bySubject: Bool, letters: String) -> String {
        let key = bySubject ? ", subject" : ""
        return """
            WITH ranked AS (
                SELECT rec, sent_earliest, sent_latest, correspondents\(key),
                       row_number() OVER (PARTITION BY sent_earliest, sent_latest, correspondents\(key) ORDER BY rec) AS k
                FROM stg_foreign_ref WHERE found_ref IS NULL AND \(records)),
            candidate AS (
                SELECT g.sent_earliest, g.sent_latest, g.correspondents\(bySubject ? ", g.subject" : ""), l.ref,
                       row_number() OVER (PARTITION BY g.sent_earliest, g.sent_latest, g.correspondents\(bySubject ? ", g.subject" : "")
                                          ORDER BY l.ref) AS k
                FROM (SELECT DISTINCT sent_earliest, sent_latest, correspondents, sender_id\(key)
                      FROM stg_foreign_ref WHERE found_ref IS NULL AND \(records)) g
                JOIN letter_participant lp ON lp.actor_id = g.sender_id AND lp.role IN ('author', 'signatory')
                JOIN letter l ON l.id = lp.letter_id
                -- A deleted letter is found too, and stays deleted (the write leaves it so).
                WHERE l.sent_earliest IS NOT DISTINCT FROM g.sent_earliest AND l.sent_latest IS NOT DISTINCT FROM g.sent_latest
                  AND (\(letters)) AND l.external_key IS NULL
                  AND ARRAY(SELECT DISTINCT CASE WHEN x.role = 'recipient' THEN 'to:' ELSE 'from:' END || x.actor_id
                            FROM letter_participant x
                            WHERE x.letter_id = l.id AND x.role IN ('author', 'signatory', 'recipient') ORDER BY 1) = g.correspondents
                  AND l.ref NOT IN (SELECT found_ref FROM stg_foreign_ref WHERE found_ref IS NOT NULL)
                  -- Not a letter another record of this import names by its ref.
                  AND NOT EXISTS (SELECT FROM stg_letter o WHERE o.ref = l.ref AND o.rec NOT IN (SELECT rec FROM stg_foreign_ref)))
            UPDATE stg_foreign_ref f SET found_ref = c.ref
              FROM ranked r JOIN candidate c ON c.sent_earliest IS NOT DISTINCT FROM r.sent_earliest
                                             AND c.sent_latest IS NOT DISTINCT FROM r.sent_latest
                                             AND c.correspondents = r.correspondents\(bySubject ? " AND c.subject = r.subject" : "") AND c.k = r.k
             WHERE r.rec = f.rec;
            """
    }

    /// Resolves and checks everything; rejected letters are recorded in stg_reject.
    func prepare() async throws {
        try await connection.executeScript(
            """
            -- stg_letter stays as copied (rewriting a million wide rows costs seconds); what the merge
            -- learns about each letter goes into the narrow stg_letter_id.
            ALTER TABLE stg_letter ADD COLUMN provenance_id bigint;
            -- The ref a Chancery export gave a letter that takes another here: the file's links name it so.
            ALTER TABLE stg_letter ADD COLUMN exported_ref text;
            -- Every index on stg_letter is made before any of its rows changes: one made after is
            -- not used until the import commits (`StagingIndexTests`).
            CREATE INDEX ON stg_letter (rec);
            CREATE INDEX ON stg_letter (ref);
            CREATE INDEX ON stg_letter (provenance_id, external_key);
            -- The few letters of a Chancery export, found without reading every staged letter again.
            CREATE INDEX ON stg_letter (rec) WHERE ref_from_export;
            -- Every link looks here first (the ref a letter had in its file): without it, each one read
            -- every staged letter (16 s for the links of 20,000 letters, hours for a million).
            CREATE INDEX ON stg_letter (exported_ref) WHERE exported_ref IS NOT NULL;
            UPDATE stg_letter s SET provenance_id = src.id FROM source src
             WHERE s.external_key IS NOT NULL
               AND ((s.provenance_url IS NOT NULL AND src.url = s.provenance_url)
                    OR (s.provenance_url IS NULL AND src.url IS NULL AND src.title = s.provenance_title));
            CREATE INDEX ON stg_participant (rec);
            CREATE INDEX ON stg_link (rec);
            ANALYZE stg_letter; ANALYZE stg_participant; ANALYZE stg_link;

            CREATE INDEX ON stg_letter_event (rec);
            CREATE INDEX ON stg_citation (rec);
            ANALYZE stg_letter_event; ANALYZE stg_citation;

            -- A Chancery export's letter from an edition carries the ref it had where it was
            -- exported: the stored letter its edition and number find keeps its own ref.
            INSERT INTO stg_warning (rec, message)
            SELECT s.rec, format('ref: letter %s of ''%s'' is %s in the register; the ref %s it had where it was exported is not taken',
                                 s.external_key, \(unescaped: Self.editionName("src.title")), l.ref, s.ref)
            FROM stg_letter s JOIN letter l ON l.provenance_id = s.provenance_id AND l.external_key = s.external_key
            JOIN source src ON src.id = s.provenance_id
            WHERE s.ref_from_export AND l.ref <> s.ref;
            UPDATE stg_letter s SET ref = l.ref, exported_ref = s.ref FROM letter l
             WHERE s.ref_from_export AND l.provenance_id = s.provenance_id AND l.external_key = s.external_key AND l.ref <> s.ref;
            -- A letter of an edition whose exported ref is another letter's here (perhaps the one the
            -- statement above found for another letter of the file) gets a free one.
            INSERT INTO stg_warning (rec, message)
            SELECT s.rec, format('ref: %s, which letter %s of ''%s'' had where it was exported, is another letter in the register (%s); it gets a free ref',
                                 s.ref, s.external_key,
                                 \(unescaped: Self.editionName("s.provenance_title")),
                                 l.subject)
            FROM stg_letter s JOIN letter l ON l.ref = s.ref
            WHERE s.ref_from_export AND s.external_key IS NOT NULL
              AND (l.provenance_id IS DISTINCT FROM s.provenance_id OR l.external_key IS DISTINCT FROM s.external_key);
            UPDATE stg_letter s SET ref = NULL, exported_ref = s.ref FROM letter l
             WHERE l.ref = s.ref AND s.ref_from_export AND s.external_key IS NOT NULL
               AND (l.provenance_id IS DISTINCT FROM s.provenance_id OR l.external_key IS DISTINCT FROM s.external_key);
            \(unescaped: Self.findByOrigin)
            -- A letter of no edition is known by its ref alone: one that names a letter of an edition
            -- here is another letter, which a free ref would add again at every import. Refused.
            INSERT INTO stg_reject (rec, reason)
            SELECT s.rec, format('ref: %s is letter %s of ''%s'' in the register, and this letter of the export is of no edition; '
                                 || 'give it another ref in the file, or import with --skip-invalid to leave it out',
                                 s.ref, l.external_key, \(unescaped: Self.editionName("src.title")))
            FROM stg_letter s JOIN letter l ON l.ref = s.ref JOIN source src ON src.id = l.provenance_id
            WHERE s.ref_from_export AND s.external_key IS NULL AND l.external_key IS NOT NULL;
            -- A letter of no edition under the ref of a stored letter is that letter, unless it is
            -- plainly another: references such as US-KH-2022-001 or XX-XX-1700-001 are made alike
            -- in every register, so another register's export, in any format, names other letters
            -- by refs taken here (two registers of one correspondence share its correspondents).
            -- Another letter is one that shares no sender or addressee with the stored letter and
            -- has another date or subject (for an export that gives no subject, as CMIF does not,
            -- whatever its date), or one of another date and another subject (a composed one
            -- too: a letter's date and what it is about both changed is another letter, or a
            -- correction for `letter edit`, never a silent overwrite). A record that corrects both sides of a
            -- letter keeps its date, or its subject. Such a letter is the stored letter of its
            -- dates, subject (where both have one) and correspondents if there is one (the same
            -- letter given again, in any format; letters alike in all of these are paired in
            -- order), else it gets a free ref; its links in the file follow it, and a warning says
            -- which (written once the free refs are given).
            CREATE TEMP TABLE stg_foreign_ref ON COMMIT DROP AS
            SELECT rec, sent_earliest, sent_latest, subject, stored_subject, stored_sent_edtf, correspondents, sender_id,
                   no_common, other_date, own_export, NULL::text AS found_ref
            FROM (
                SELECT s.rec, s.sent_earliest, s.sent_latest, s.ref_from_export,
                       \(unescaped: RegisterIdentity.fromOwnExport(rec: "s.rec")) AS own_export,
                       CASE WHEN NOT 'subject' = ANY(s.unstated) THEN s.subject END AS subject,
                       l.subject AS stored_subject,
                       l.sent_edtf AS stored_sent_edtf,
                       (s.sent_earliest, s.sent_latest) IS DISTINCT FROM (l.sent_earliest, l.sent_latest) AS other_date,
                       ARRAY(SELECT DISTINCT CASE WHEN p.role = 'recipient' THEN 'to:' ELSE 'from:' END || a.actor_id
                             FROM stg_participant p JOIN stg_ref a ON a.ref = p.actor
                             WHERE p.rec = s.rec AND p.role IN ('author', 'recipient') ORDER BY 1) AS correspondents,
                       (SELECT min(a.actor_id) FROM stg_participant p JOIN stg_ref a ON a.ref = p.actor
                         WHERE p.rec = s.rec AND p.role = 'author') AS sender_id,
                       NOT EXISTS (
                           SELECT 1 FROM stg_participant p JOIN stg_ref a ON a.ref = p.actor
                           JOIN letter_participant lp ON lp.letter_id = l.id AND lp.actor_id = a.actor_id
                           WHERE p.rec = s.rec AND p.role IN ('author', 'recipient') AND lp.role IN ('author', 'signatory', 'recipient')
                       ) AS no_common
                FROM stg_letter s JOIN letter l ON l.ref = s.ref
                -- (An export's letter under the ref of a letter of an edition is refused above.)
                WHERE s.external_key IS NULL AND (l.external_key IS NULL OR NOT s.ref_from_export)
                  AND s.rec NOT IN (SELECT rec FROM stg_reject) AND s.rec NOT IN (SELECT rec FROM stg_origin WHERE known)
                  -- Either kind needs another date or subject: a file given again skips the
                  -- correspondents' lookups below, each letter's several index reads.
                  AND ((s.sent_earliest, s.sent_latest) IS DISTINCT FROM (l.sent_earliest, l.sent_latest)
                       OR ('subject' = ANY(s.unstated) AND s.ref_from_export)
                       OR (NOT 'subject' = ANY(s.unstated) AND s.subject IS DISTINCT FROM l.subject))
            ) f
            -- (Every reader requires a sender; a record without one would keep the stored ones.)
            WHERE sender_id IS NOT NULL
              AND ((no_common AND (other_date OR subject IS DISTINCT FROM stored_subject AND (subject IS NOT NULL OR ref_from_export)))
                   OR (other_date AND subject IS NOT NULL AND subject <> stored_subject));
            -- This register's own export names its letters: whatever a record changes, it
            -- corrects the letter under its ref. One that would be another letter in another
            -- register's file is said, though: a copy of the register (a backup restored
            -- elsewhere) that went its own way gives the same refs to other letters.
            INSERT INTO stg_warning (rec, message)
            SELECT s.rec, format('ref: %s, in this register''s own export, makes the letter “%s” of %s %s of %s%s; '
                                 || 'it is taken for a correction (`chancery letter history %s` keeps what it was). If it is another letter '
                                 || '(the file came from a copy of this register), give it a ref of its own in the file and import it again',
                                 s.ref, f.stored_subject, f.stored_sent_edtf,
                                 coalesce('“' || f.subject || '”', 'one'), s.sent_edtf,
                                 CASE WHEN f.no_common THEN ', with other correspondents' ELSE '' END, s.ref)
            FROM stg_foreign_ref f JOIN stg_letter s USING (rec)
            WHERE f.own_export;
            DELETE FROM stg_foreign_ref WHERE own_export;
            -- Paired in three passes, so that a stored letter is found once: by the subject both
            -- were given; then, for a file without subjects, whatever the stored one; then a
            -- letter whose subject an import composed, for a file that gives one.
            \(unescaped: Self.findForeignLetters(records: "subject IS NOT NULL", bySubject: true, letters: "NOT l.subject_composed AND l.subject = g.subject"))
            \(unescaped: Self.findForeignLetters(records: "subject IS NULL", bySubject: false, letters: "true"))
            \(unescaped: Self.findForeignLetters(records: "subject IS NOT NULL", bySubject: false, letters: "l.subject_composed"))
            UPDATE stg_letter s SET ref = f.found_ref, exported_ref = s.ref FROM stg_foreign_ref f WHERE f.rec = s.rec;
            -- A record naming a stored letter by its natural key must not give it another ref.
            INSERT INTO stg_reject (rec, reason)
            SELECT s.rec, format('key: letter %s of ''%s'' is %s in the register, but this record gives it the ref %s; '
                                 || 'give the stored ref, or leave ref out', s.external_key, \(unescaped: Self.editionName("src.title")), l.ref, s.ref)
            FROM stg_letter s JOIN letter l ON l.provenance_id = s.provenance_id AND l.external_key = s.external_key
            JOIN source src ON src.id = s.provenance_id
            WHERE s.ref IS NOT NULL AND l.ref <> s.ref;
            UPDATE stg_letter s SET ref = l.ref FROM letter l
             WHERE s.ref IS NULL AND s.external_key IS NOT NULL
               AND l.provenance_id = s.provenance_id AND l.external_key = s.external_key;
            -- A record that names its letter by a natural key must not change, through its ref,
            -- a stored letter that is another one (a ref taken since an intake's drafts were made).
            INSERT INTO stg_reject (rec, reason)
            -- (An edition's letter is known by its edition and number: a record renumbering one
            -- names another letter, even in this register's own export.)
            SELECT s.rec, format('ref: ''%s'' is already another letter in the register (''%s'')%s, not letter %s of ''%s'' as this record says; '
                                 || 'leave ref out to have a free one assigned, or choose another',
                                 s.ref, l.subject, coalesce(', letter ' || l.external_key || ' of its edition', ''),
                                 s.external_key, \(unescaped: Self.editionName("src.title")))
            FROM stg_letter s JOIN letter l ON l.ref = s.ref LEFT JOIN source src ON src.id = s.provenance_id
            WHERE s.external_key IS NOT NULL
              AND (l.provenance_id IS DISTINCT FROM s.provenance_id OR l.external_key IS DISTINCT FROM s.external_key)
              AND s.rec NOT IN (SELECT rec FROM stg_reject);

            -- Records of this import that name the same letter, by ref (given, or found through the
            -- natural key) or by provenance and key. Repeats with the same content are one letter;
            -- with different content every one of them is rejected, naming the others: one letter
            -- never silently replaces another.
            CREATE TEMP TABLE stg_same_letter ON COMMIT DROP AS
            SELECT rec, 'ref' AS key_kind, ref AS key_text, 0::bigint AS provenance_id
            -- (A record refused already is no letter of this import: it names none twice.)
            FROM (SELECT rec, ref, count(*) OVER (PARTITION BY ref) AS n FROM stg_letter
                  WHERE ref IS NOT NULL AND rec NOT IN (SELECT rec FROM stg_reject)) d WHERE n > 1
            UNION ALL
            SELECT rec, 'key', external_key, provenance_id
            FROM (SELECT rec, external_key, provenance_id, count(*) OVER (PARTITION BY provenance_id, external_key) AS n
                  FROM stg_letter WHERE external_key IS NOT NULL AND provenance_id IS NOT NULL
                   AND rec NOT IN (SELECT rec FROM stg_reject)) d WHERE n > 1;
            ALTER TABLE stg_same_letter ADD COLUMN fingerprint text;
            UPDATE stg_same_letter d SET fingerprint = md5(jsonb_build_array(
                to_jsonb(s) - 'rec' - 'provenance_id' - 'exported_ref' - 'origin_register' - 'origin_ref',
                (SELECT jsonb_agg(to_jsonb(p) - 'rec' ORDER BY p.role, p.position) FROM stg_participant p WHERE p.rec = s.rec),
                (SELECT jsonb_agg(to_jsonb(k) - 'rec' ORDER BY k.kind, k.target, k.reverse) FROM stg_link k WHERE k.rec = s.rec),
                (SELECT jsonb_agg(e.event ORDER BY e.event) FROM stg_letter_event e WHERE e.rec = s.rec),
                (SELECT jsonb_agg(to_jsonb(c) - 'rec' ORDER BY (to_jsonb(c) - 'rec')::text) FROM stg_citation c WHERE c.rec = s.rec)
            )::text) FROM stg_letter s WHERE s.rec = d.rec;
            CREATE TEMP TABLE stg_same_letter_group ON COMMIT DROP AS
            SELECT key_kind, key_text, provenance_id, count(DISTINCT fingerprint) AS versions, min(rec) AS first_rec
            FROM stg_same_letter GROUP BY key_kind, key_text, provenance_id;
            INSERT INTO stg_reject (rec, reason)
            SELECT d.rec, CASE d.key_kind
                WHEN 'ref' THEN CASE WHEN sh.rec IS NULL
                    THEN format('ref: letter %s is also named by %s, with different content; one ref names one letter: '
                                || 'give each letter its own ref, or remove the repeated record%s', d.key_text, others.places,
                                CASE WHEN others.same_file THEN ''
                                     WHEN others.one_register
                                     THEN format(' (the files are both exports of register %s, which can differ: import them one at a time, '
                                                 || 'the older first)', df.register)
                                     WHEN others.two_registers
                                     THEN ' (two registers'' letters, whose refs are made alike: import the files one at a time)'
                                     ELSE ' (maybe two registers'' letters, whose refs are made alike: import the files one at a time)' END)
                    -- (Copies of one letter from two registers' exports, joined.)
                    ELSE format('ref: this letter is also at %s, with different content, and both are letter %s of register %s by their origin: '
                                || 'import the files one at a time (an export of the register it was first recorded in corrects it '
                                || 'unless it is older than one taken before; another register''s copy is kept as this register has it)',
                                others.places, sh.from_ref, sh.from_register) END
                ELSE format('key: letter %s of ''%s'' is also at %s, with different content; an edition (or provenance) and a key '
                            || 'name one letter: correct the key or the edition of one of them, or remove the repeated record',
                            d.key_text, \(unescaped: Self.editionName("src.title")), others.places) END
            FROM stg_same_letter d
            JOIN stg_same_letter_group g ON g.key_kind = d.key_kind AND g.key_text = d.key_text AND g.provenance_id = d.provenance_id
            LEFT JOIN source src ON src.id = d.provenance_id
            LEFT JOIN stg_origin_shared sh ON sh.rec = d.rec
            JOIN stg_record dr ON dr.rec = d.rec JOIN stg_file df ON df.file_no = dr.file_no
            CROSS JOIN LATERAL (
                SELECT array_to_string((array_agg(format('%s:%s', f.name, r.line) ORDER BY r.file_no, r.line))[1:5], ', ')
                       || CASE WHEN count(*) > 5 THEN format(' and %s more', count(*) - 5) ELSE '' END AS places,
                       bool_and(r.file_no = dr.file_no) AS same_file, bool_and(coalesce(f.register = df.register, false)) AS one_register,
                       bool_and(coalesce(f.register <> df.register, false)) AS two_registers
                FROM stg_same_letter o JOIN stg_record r ON r.rec = o.rec JOIN stg_file f ON f.file_no = r.file_no
                WHERE o.key_kind = d.key_kind AND o.key_text = d.key_text AND o.provenance_id = d.provenance_id AND o.rec <> d.rec
            ) others
            WHERE g.versions > 1;
            CREATE TEMP TABLE stg_repeated_letter ON COMMIT DROP AS
            SELECT DISTINCT ON (d.rec) d.rec, format('%s:%s', f.name, r.line) AS first_place,
                   CASE d.key_kind WHEN 'ref' THEN format('ref %s', d.key_text)
                        ELSE format('key %s of ''%s''', d.key_text, \(unescaped: Self.editionName("src.title"))) END AS natural_key
            FROM stg_same_letter d
            JOIN stg_same_letter_group g ON g.key_kind = d.key_kind AND g.key_text = d.key_text AND g.provenance_id = d.provenance_id
            JOIN stg_record r ON r.rec = g.first_rec JOIN stg_file f ON f.file_no = r.file_no
            LEFT JOIN source src ON src.id = d.provenance_id
            WHERE g.versions = 1 AND d.rec <> g.first_rec AND d.rec NOT IN (SELECT rec FROM stg_reject)
            ORDER BY d.rec, d.key_kind;
            INSERT INTO stg_warning (rec, message)
            SELECT rec, format('the letter (%s) repeats %s word for word; read once', natural_key, first_place) FROM stg_repeated_letter;
            DELETE FROM stg_letter WHERE rec IN (SELECT rec FROM stg_repeated_letter);
            DELETE FROM stg_participant WHERE rec IN (SELECT rec FROM stg_repeated_letter);
            DELETE FROM stg_link WHERE rec IN (SELECT rec FROM stg_repeated_letter);
            DELETE FROM stg_letter_event WHERE rec IN (SELECT rec FROM stg_repeated_letter);
            DELETE FROM stg_citation WHERE rec IN (SELECT rec FROM stg_repeated_letter);

            -- Ids for new letters in file order (nextval runs only where no stored letter matched).
            CREATE TEMP TABLE stg_letter_id ON COMMIT DROP AS
            SELECT rec, coalesce(stored_id, nextval(pg_get_serial_sequence('letter', 'id'))) AS letter_id,
                   stored_id IS NOT NULL AS existed, NULL::text AS outcome
            FROM (SELECT s.rec, l.id AS stored_id FROM stg_letter s LEFT JOIN letter l ON l.ref = s.ref ORDER BY s.rec) matched;
            CREATE UNIQUE INDEX ON stg_letter_id (rec);
            CREATE INDEX ON stg_letter_id (letter_id);
            ANALYZE stg_letter_id;
            \(unescaped: StoredPartsKept.letters)
            """)
        try await actors.rejectUnresolved(table: .participant, column: "actor", field: "participant")
        try await actors.rejectUnresolved(table: .participant, column: "on_behalf_of", field: "onBehalfOf", kinds: [.state, .organization])
        try await connection.executeScript(
            """
            CREATE TEMP TABLE stg_party ON COMMIT DROP AS
            SELECT p.rec, p.role, p.position, a.actor_id, a.kind AS actor_kind, p.capacity,
                   b.actor_id AS represents_id, b.kind AS represents_kind,
                   l.sent_earliest AS date_earliest, l.sent_latest AS date_latest,
                   p.name_as_written, p.name_supplied, p.name_uncertain
            FROM stg_participant p
            JOIN stg_letter l ON l.rec = p.rec
            JOIN stg_ref a ON a.ref = p.actor AND a.actor_id IS NOT NULL
            LEFT JOIN stg_ref b ON b.ref = p.on_behalf_of;
            CREATE INDEX ON stg_party (rec);
            ANALYZE stg_party;
            \(unescaped: StoredPartsKept.participants)
            -- RoleInference's statement is built from the table and key names given here.
            \(unescaped: RoleInference.statement(table: "stg_party", keys: ["rec", "role", "position"]))

            INSERT INTO stg_reject (rec, reason)
            SELECT DISTINCT p.rec, format('%s: %s is named twice as %s; name each actor once per role', p.role, a.name, p.role)
            FROM (SELECT rec, role, actor_id FROM stg_party GROUP BY rec, role, actor_id HAVING count(*) > 1) p
            JOIN actor a ON a.id = p.actor_id;

            ALTER TABLE stg_link ADD COLUMN target_id bigint;
            CREATE INDEX ON stg_link (target_id) WHERE reverse;
            ALTER TABLE stg_letter_event ADD COLUMN event_id bigint, ADD COLUMN refused boolean;
            -- An event of the file the import refused is none (the stored one of its ref is another).
            UPDATE stg_letter_event s SET refused = \(unescaped: FileRecordNames.refused(noun: "event", name: "s.event", rec: "s.rec"));
            UPDATE stg_letter_event s SET event_id = coalesce(
                \(unescaped: FileRecordNames.storedRecord("event", staged: "stg_event", named: "s.event", rec: "s.rec")),
                (SELECT min(e.id) FROM event e WHERE lower(e.name) = lower(s.event) HAVING count(*) = 1))
             WHERE NOT s.refused;
            INSERT INTO stg_warning (rec, message)
            SELECT e.rec, CASE WHEN e.refused THEN format('events: the file''s event %s was refused; the letter is kept without it', e.event)
                               ELSE format('events: no event with ref or name ''%s''; the letter is kept without it', e.event) END
            FROM stg_letter_event e JOIN stg_record r ON r.rec = e.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE e.event_id IS NULL AND NOT f.strict;
            DELETE FROM stg_letter_event e USING stg_record r, stg_file f
            WHERE r.rec = e.rec AND f.file_no = r.file_no AND e.event_id IS NULL AND NOT f.strict;
            INSERT INTO stg_reject (rec, reason)
            SELECT rec, CASE WHEN refused THEN format('events: the file''s event %s was refused; this letter is left out with it', event)
                             ELSE format('events: no event with ref or name ''%s''', event) END
            FROM stg_letter_event WHERE event_id IS NULL;
            """)
        try await connection.executeScript("\(unescaped: FileRecordNames.noteRefused("stg_letter", noun: "letter"))")
        try await resolveLinks()
        try await warnOfLetterLookalikes()
    }

    /// Names each new letter that a stored letter of another edition already is, by every sign
    /// an import can see: the same key, the same dates, the same senders and addressees. One
    /// edition read in two forms (its CSV table and the CMIF made from it) names itself
    /// differently in each, so its letters do not match by edition and key, and would be in the
    /// register twice without a word.
    private func warnOfLetterLookalikes() async throws {
        let candidates = try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM stg_letter s JOIN stg_letter_id i USING (rec) WHERE NOT i.existed AND s.external_key IS NOT NULL)
                   AS new_keyed,
                   EXISTS (SELECT 1 FROM letter WHERE provenance_id IS NOT NULL) AS stored_keyed,
                   (SELECT count(DISTINCT provenance_id) FROM stg_letter WHERE external_key IS NOT NULL) > 1 AS several_editions
            """).rows[0]
        guard try candidates.decode("new_keyed", as: Bool.self) else { return }
        if try candidates.decode("several_editions", as: Bool.self) { try await warnOfLookalikesWithinImport() }
        guard try candidates.decode("stored_keyed", as: Bool.self) else { return }
        try await connection.execute(
            """
            INSERT INTO stg_warning (rec, message)
            SELECT DISTINCT ON (s.rec) s.rec,
                   format('the letter looks like ''%s'', imported from ''%s'' (the same key, dates, senders and addressees): '
                          || 'if the two are one edition, import only one form of it, or its letters are in the register twice',
                          l.ref, \(unescaped: Self.editionName("src.title")))
            FROM stg_letter s JOIN stg_letter_id i USING (rec)
            JOIN letter l ON l.external_key = s.external_key AND l.provenance_id <> s.provenance_id AND l.deleted_at IS NULL
                         AND l.sent_earliest = s.sent_earliest AND l.sent_latest = s.sent_latest
            JOIN source src ON src.id = l.provenance_id
            WHERE NOT i.existed AND s.external_key IS NOT NULL AND s.rec NOT IN (SELECT rec FROM stg_reject)
              AND ARRAY(SELECT p.role::text || ':' || p.actor_id FROM stg_party p
                        WHERE p.rec = s.rec AND p.role IN ('author', 'recipient') ORDER BY 1)
                = ARRAY(SELECT p.role::text || ':' || p.actor_id FROM letter_participant p
                        WHERE p.letter_id = l.id AND p.role IN ('author', 'recipient') ORDER BY 1)
            ORDER BY s.rec, l.id
            """)
    }

    /// The same, for the two forms of one edition given to one import: a new letter that a letter
    /// earlier in the import, of another edition, already is.
    private func warnOfLookalikesWithinImport() async throws {
        try await connection.execute(
            """
            INSERT INTO stg_warning (rec, message)
            SELECT DISTINCT ON (s.rec) s.rec,
                   format('the letter looks like the one at %s:%s, of ''%s'' (the same key, dates, senders and addressees): '
                          || 'if the two are one edition, import only one form of it, or its letters are in the register twice',
                          f.name, r.line, \(unescaped: Self.editionName("src.title")))
            FROM stg_letter s JOIN stg_letter_id i USING (rec)
            JOIN stg_letter e ON e.external_key = s.external_key AND e.provenance_id <> s.provenance_id AND e.rec < s.rec
                             AND e.sent_earliest = s.sent_earliest AND e.sent_latest = s.sent_latest
            JOIN stg_record r ON r.rec = e.rec JOIN stg_file f ON f.file_no = r.file_no
            JOIN source src ON src.id = e.provenance_id
            WHERE NOT i.existed AND s.external_key IS NOT NULL
              AND s.rec NOT IN (SELECT rec FROM stg_reject) AND e.rec NOT IN (SELECT rec FROM stg_reject)
              AND ARRAY(SELECT p.role::text || ':' || p.actor_id FROM stg_party p
                        WHERE p.rec = s.rec AND p.role IN ('author', 'recipient') ORDER BY 1)
                = ARRAY(SELECT p.role::text || ':' || p.actor_id FROM stg_party p
                        WHERE p.rec = e.rec AND p.role IN ('author', 'recipient') ORDER BY 1)
            ORDER BY s.rec, e.rec
            """)
    }

    /// A link's kind as a JSON Lines record names its field (`replyTo`): the reasons for
    /// refusing a record are those of a strict format, JSON Lines. Fixed text.
    private static func fieldName(_ kind: String) -> String {
        "CASE \(kind) WHEN 'reply_to' THEN 'replyTo' WHEN 'refers_to' THEN 'refersTo' ELSE \(kind)::text END"
    }

    /// Notes the refs of the letters refused so far (`FileRecordNames.noteRefused`) and takes
    /// them out of the import: a record naming one is refused with it (`resolveLinks`), not
    /// joined to another letter of that ref.
    func forgetRefused() async throws {
        try await connection.executeScript(
            """
            \(unescaped: FileRecordNames.noteRefused("stg_letter", noun: "letter"))
            DELETE FROM stg_letter WHERE rec IN (SELECT rec FROM stg_reject);
            DELETE FROM stg_letter_id WHERE rec IN (SELECT rec FROM stg_reject);
            """)
    }

    /// Link targets: a letter of this import or a stored one, by reference (a letter of the
    /// same file first, by the ref the file gave it: `FileRecordNames.stagedLetter`), else by
    /// key within the same provenance; none for a letter of the file the import refused (noted
    /// before: `noteRefused`, `forgetRefused`). Re-run after rejected letters leave the import.
    func resolveLinks() async throws {
        try await connection.executeScript(
            """
            UPDATE stg_link k SET target_id = CASE WHEN \(unescaped: FileRecordNames.refusedLetter(name: "k.target", rec: "k.rec"))
                                                   THEN NULL ELSE coalesce(
                \(unescaped: FileRecordNames.stagedLetter(named: "k.target", rec: "k.rec")),
                \(unescaped: FileRecordNames.storedByOrigin("letter", named: "k.target", rec: "k.rec")),
                \(unescaped: FileRecordNames.storedByRef("letter", named: "k.target", rec: "k.rec")),
                (SELECT i.letter_id FROM stg_letter s JOIN stg_letter_id i USING (rec) JOIN stg_letter me ON me.rec = k.rec
                  WHERE s.external_key = k.target AND s.provenance_id IS NOT DISTINCT FROM me.provenance_id ORDER BY s.rec LIMIT 1),
                (SELECT l.id FROM letter l JOIN stg_letter me ON me.rec = k.rec
                  WHERE l.external_key = k.target AND l.provenance_id = me.provenance_id)) END;
            -- Editions and spreadsheets often point at letters outside the file: keep the letter, drop
            -- the link. A Chancery dataset names only what it holds or the register has: reject.
            INSERT INTO stg_warning (rec, message)
            SELECT k.rec, CASE WHEN \(unescaped: FileRecordNames.refusedLetter(name: "k.target", rec: "k.rec"))
                               THEN format('%s: the file''s letter %s was refused; the link is left out',
                                           CASE WHEN k.reverse THEN 'answered by' ELSE k.kind::text END, k.target)
                               ELSE format('%s: no letter ''%s'' in this import or stored; the link is left out',
                                           CASE WHEN k.reverse THEN 'answered by' ELSE k.kind::text END, k.target) END
            FROM stg_link k JOIN stg_record r ON r.rec = k.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE k.target_id IS NULL AND NOT f.strict;
            DELETE FROM stg_link k USING stg_record r, stg_file f
            WHERE r.rec = k.rec AND f.file_no = r.file_no AND k.target_id IS NULL AND NOT f.strict;
            INSERT INTO stg_reject (rec, reason)
            SELECT k.rec, CASE WHEN \(unescaped: FileRecordNames.refusedLetter(name: "k.target", rec: "k.rec"))
                               THEN format('%s: the file''s letter %s was refused; this letter is left out with it',
                                           CASE WHEN k.reverse THEN 'answeredBy' ELSE \(unescaped: Self.fieldName("k.kind")) END, k.target)
                               ELSE format('%s: no letter ''%s'' in this import or stored; link letters that exist',
                                           \(unescaped: Self.fieldName("k.kind")), k.target) END
            FROM stg_link k WHERE k.target_id IS NULL
            AND k.rec NOT IN (SELECT rec FROM stg_reject);
            """)
    }

    /// Writes new letters, rewrites changed ones, and counts.
    package func write() async throws -> ImportCounts {
        // The listing triggers wait: their per-statement plans would rely on statistics taken
        // before this import's rows existed (see relistWrittenLetters()).
        try await connection.execute("SELECT set_config('chancery.relist_deferred', 'on', true)")
        try await connection.executeScript(
            """
            -- A stored letter is unchanged when its fingerprint (fields, participants, links, events)
            -- equals the staged one's; computed into tables so each side is read once.
            -- A letter deleted from the register stays deleted: a file naming its reference or
            -- natural key again (an edition re-imported) neither restores nor rewrites it. It
            -- counts as unchanged, with a warning; restoring is a deliberate act, not a side
            -- effect of an import. (Links from other letters and citations may still name it;
            -- every read leaves it out.)
            UPDATE stg_letter_id i SET outcome = 'deleted' FROM letter l
             WHERE i.existed AND l.id = i.letter_id AND l.deleted_at IS NOT NULL;
            INSERT INTO stg_warning (rec, message)
            SELECT i.rec, format('ref: letter %s was deleted; importing it again leaves it deleted and unchanged', l.ref)
            FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id WHERE i.outcome = 'deleted';
            \(unescaped: StoredPartsKept.linksAndEvents)
            CREATE TEMP TABLE stg_staged_print ON COMMIT DROP AS
            SELECT s.rec, i.letter_id, md5(jsonb_build_array(
                s.kind, s.sent_edtf, s.received_edtf, s.subject, s.summary, s.body, s.language, s.classification,
                s.sent_place, s.sent_place_geonames_id, s.received_place, s.received_place_geonames_id, s.awaiting_reply,
                s.sent_as_written, s.received_as_written,
                (SELECT jsonb_agg(jsonb_build_array(p.role, p.position, p.actor_id, p.capacity, p.represents_id,
                                                    p.name_as_written, p.name_supplied, p.name_uncertain) ORDER BY p.role, p.position)
                   FROM stg_party p WHERE p.rec = s.rec),
                (SELECT jsonb_agg(jsonb_build_array(k.kind, k.target_id) ORDER BY k.kind, k.target_id)
                   FROM (SELECT kind, target_id FROM stg_link WHERE rec = s.rec AND NOT reverse AND target_id <> i.letter_id
                         UNION
                         SELECT r.kind, ri.letter_id FROM stg_link r JOIN stg_letter_id ri ON ri.rec = r.rec
                         WHERE r.reverse AND r.target_id = i.letter_id AND ri.letter_id <> i.letter_id) k),
                (SELECT jsonb_agg(e.event_id ORDER BY e.event_id) FROM (SELECT DISTINCT event_id FROM stg_letter_event WHERE rec = s.rec) e)
            )::text) AS fingerprint
            FROM stg_letter s JOIN stg_letter_id i USING (rec) WHERE i.existed AND i.outcome IS NULL;
            CREATE TEMP TABLE stg_stored_print ON COMMIT DROP AS
            SELECT l.id, md5(jsonb_build_array(
                l.kind, l.sent_edtf, l.received_edtf, l.subject, l.summary, l.body, l.language, l.classification,
                l.sent_place, l.sent_place_geonames_id, l.received_place, l.received_place_geonames_id, l.awaiting_reply,
                l.sent_as_written, l.received_as_written,
                (SELECT jsonb_agg(jsonb_build_array(p.role, p.position, p.actor_id, p.capacity, p.represents_id,
                                                    p.name_as_written, p.name_supplied, p.name_uncertain) ORDER BY p.role, p.position)
                   FROM letter_participant p WHERE p.letter_id = l.id),
                (SELECT jsonb_agg(jsonb_build_array(k.kind, k.target_id) ORDER BY k.kind, k.target_id)
                   FROM letter_link k WHERE k.letter_id = l.id),
                (SELECT jsonb_agg(e.event_id ORDER BY e.event_id) FROM letter_event e WHERE e.letter_id = l.id)
            )::text) AS fingerprint
            FROM letter l JOIN stg_staged_print s ON s.letter_id = l.id;
            CREATE INDEX ON stg_stored_print (id);
            ANALYZE stg_staged_print; ANALYZE stg_stored_print;
            UPDATE stg_letter_id i SET outcome = CASE WHEN staged.fingerprint = stored.fingerprint THEN 'unchanged' ELSE 'updated' END
              FROM stg_staged_print staged JOIN stg_stored_print stored ON stored.id = staged.letter_id
             WHERE i.rec = staged.rec;
            UPDATE stg_letter_id SET outcome = 'new' WHERE NOT existed;
            \(unescaped: ChangedSinceExport.find(Self.changedSinceExport, into: "stg_newer_letter"))
            UPDATE stg_letter_id SET outcome = 'newer' WHERE rec IN (SELECT rec FROM stg_newer_letter WHERE kept);
            -- A letter another register's file names by its origin is as the register it was
            -- first recorded in has it: that register's file corrects it (said); a copy of it in
            -- another's, or of one of this register's own letters, may be older than what is
            -- here, and leaves it as it is (said), as does an export of that register older than
            -- the one this register last took the letter from.
            CREATE TEMP TABLE stg_origin_kept ON COMMIT DROP AS
            SELECT i.rec, l.ref, o.ours, l.origin_register,
                   CASE WHEN f.register = l.origin_register THEN f.exported_at END AS file_moment,
                   CASE WHEN f.register = l.origin_register THEN l.origin_as_of END AS taken_moment
            FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id JOIN stg_origin_found o ON o.rec = i.rec
            JOIN stg_record r ON r.rec = i.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE i.outcome = 'updated' AND NOT f.own_export
              AND (o.ours OR f.register IS DISTINCT FROM l.origin_register OR f.exported_at < l.origin_as_of)
            UNION ALL
            -- (Another register's letter taken by its ref for one recorded here, or brought in
            -- before this register kept origins, alike.)
            SELECT i.rec, l.ref, false, NULL::uuid, NULL::timestamptz, NULL::timestamptz
            FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id JOIN stg_origin o ON o.rec = i.rec
            JOIN stg_record r ON r.rec = i.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE i.outcome = 'updated' AND NOT f.own_export AND NOT o.by_key AND NOT o.known AND l.origin_register IS NULL
              AND o.from_register <> (SELECT id FROM register_identity)
            UNION ALL
            -- (A letter of an edition, found by its number in another register's export, alike;
            -- the edition's own files, which name no register, correct it.)
            SELECT i.rec, l.ref, l.origin_register IS NULL, l.origin_register,
                   CASE WHEN f.register = l.origin_register THEN f.exported_at END,
                   CASE WHEN f.register = l.origin_register THEN l.origin_as_of END
            FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id JOIN stg_origin o ON o.rec = i.rec AND o.by_key
            JOIN stg_record r ON r.rec = i.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE i.outcome = 'updated' AND NOT f.own_export AND f.register IS NOT NULL
              AND (f.register IS DISTINCT FROM l.origin_register OR f.exported_at < l.origin_as_of);
            UPDATE stg_letter_id SET outcome = 'newer' WHERE rec IN (SELECT rec FROM stg_origin_kept);
            INSERT INTO stg_kept_copy (rec, ref, ours, origin_register, file_moment, taken_moment)
            SELECT rec, ref, ours, origin_register, file_moment, taken_moment FROM stg_origin_kept;
            \(unescaped: RecordOrigins.keptWarnings(noun: "letter", parts: "links and sources", edit: "letter edit", of: "stg_origin_kept"))
            INSERT INTO stg_warning (rec, message)
            SELECT i.rec, format('ref: letter %s is corrected as the register it was first recorded in has it (this file); '
                                 || '`chancery letter history %s` keeps what it was', l.ref, l.ref)
            FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id JOIN stg_record r ON r.rec = i.rec JOIN stg_file f ON f.file_no = r.file_no
            WHERE i.outcome = 'updated' AND NOT f.own_export AND i.rec IN (SELECT rec FROM stg_origin WHERE known);
            ANALYZE stg_letter_id;

            UPDATE letter l SET kind = s.kind, sent_edtf = s.sent_edtf, sent_earliest = s.sent_earliest, sent_latest = s.sent_latest,
                   sent_precision = s.sent_precision, received_edtf = s.received_edtf, received_earliest = s.received_earliest,
                   received_latest = s.received_latest, received_precision = s.received_precision, subject = s.subject,
                   summary = s.summary, body = s.body, language = s.language, classification = s.classification,
                   sent_place = s.sent_place, sent_place_geonames_id = s.sent_place_geonames_id, received_place = s.received_place,
                   received_place_geonames_id = s.received_place_geonames_id, awaiting_reply = s.awaiting_reply,
                   sent_as_written = s.sent_as_written, received_as_written = s.received_as_written,
                   -- Composed still where the record leaves the subject to the reader and it was
                   -- composed, or gives the subject stored (an export writes a composed one out).
                   subject_composed = l.subject_composed AND (s.subject = l.subject OR coalesce('subject' = ANY(s.unstated), false)),
                   origin_as_of = \(unescaped: RecordOrigins.asOf(stored: "l", file: "f"))
              FROM stg_letter s JOIN stg_letter_id i USING (rec) JOIN stg_record r USING (rec) JOIN stg_file f ON f.file_no = r.file_no
             WHERE i.outcome = 'updated' AND l.id = i.letter_id;
            """)
        try await allocateReferences()
        try await warnOfForeignReferences()
        try await connection.executeScript(
            """
            INSERT INTO letter (id, ref, kind, sent_edtf, sent_earliest, sent_latest, sent_precision,
                                received_edtf, received_earliest, received_latest, received_precision,
                                subject, summary, body, language, classification, sent_place, sent_place_geonames_id,
                                received_place, received_place_geonames_id, awaiting_reply, provenance_id, external_key,
                                sent_as_written, received_as_written, subject_composed, origin_register, origin_ref, origin_as_of)
            OVERRIDING SYSTEM VALUE
            SELECT i.letter_id, ref, kind, sent_edtf, sent_earliest, sent_latest, sent_precision,
                   received_edtf, received_earliest, received_latest, received_precision,
                   subject, summary, body, language, classification, sent_place, sent_place_geonames_id,
                   received_place, received_place_geonames_id, awaiting_reply, provenance_id, external_key,
                   sent_as_written, received_as_written, coalesce('subject' = ANY(s.unstated), false), o.from_register, o.from_ref,
                   \(unescaped: RecordOrigins.asOf(newFrom: "o.from_register", file: "f"))
            FROM stg_letter s JOIN stg_letter_id i USING (rec) LEFT JOIN stg_origin o USING (rec)
            JOIN stg_record r USING (rec) JOIN stg_file f ON f.file_no = r.file_no
            WHERE i.outcome = 'new' ORDER BY s.rec;
            """)
        // The foreign-key checks of the rows below look letters up one by one.
        let written = try await connection.query("SELECT count(*) AS n FROM stg_letter_id WHERE outcome IN ('new', 'updated')")
            .rows[0].decode("n", as: Int.self)
        try await StatisticsRefresh(connection: connection).afterWriting(written, to: ["letter"])
        try await connection.executeScript("\(unescaped: Self.keepUnchangedParts)")
        try await connection.executeScript(
            """
            INSERT INTO letter_participant (letter_id, role, position, actor_id, capacity, represents_id, represents_kind,
                                            name_as_written, name_supplied, name_uncertain)
            SELECT s.letter_id, p.role, p.position, p.actor_id, p.capacity, p.represents_id, p.represents_kind,
                   p.name_as_written, coalesce(p.name_supplied, false), coalesce(p.name_uncertain, false)
            FROM stg_party p JOIN stg_letter_id s ON s.rec = p.rec
            WHERE (s.outcome = 'new'
                   OR (s.outcome = 'updated'
                       AND NOT EXISTS (SELECT FROM letter_participant kept
                                       WHERE kept.letter_id = s.letter_id AND kept.role = p.role AND kept.position = p.position)))
            ORDER BY s.rec, p.role, p.position;
            INSERT INTO letter_link (letter_id, kind, target_id)
            SELECT DISTINCT s.letter_id, k.kind, k.target_id
            FROM stg_link k JOIN stg_letter_id s ON s.rec = k.rec
            WHERE s.outcome IN ('new', 'updated') AND NOT k.reverse AND k.target_id <> s.letter_id
            ON CONFLICT DO NOTHING;
            -- Links recorded from the answered letter's side belong to the answer: added whatever
            -- happened to this letter (but to one kept as the register changed it since its
            -- export), and never removed by rewriting it.
            INSERT INTO letter_link (letter_id, kind, target_id)
            SELECT DISTINCT k.target_id, k.kind, s.letter_id
            FROM stg_link k JOIN stg_letter_id s ON s.rec = k.rec
            WHERE k.reverse AND k.target_id <> s.letter_id AND s.outcome NOT IN ('deleted', 'newer')
              AND k.target_id NOT IN (SELECT letter_id FROM stg_letter_id WHERE outcome IN ('deleted', 'newer'))
            ON CONFLICT DO NOTHING;
            INSERT INTO letter_event (letter_id, event_id)
            SELECT DISTINCT s.letter_id, e.event_id
            FROM stg_letter_event e JOIN stg_letter_id s ON s.rec = e.rec
            WHERE s.outcome IN ('new', 'updated')
            ON CONFLICT DO NOTHING;
            """)
        try await relistWrittenLetters(written)
        let row = try await connection.query(
            """
            SELECT count(*) FILTER (WHERE outcome = 'new') AS new, count(*) FILTER (WHERE outcome = 'updated') AS updated,
                   count(*) FILTER (WHERE outcome IN ('unchanged', 'deleted', 'newer')) AS unchanged
            FROM stg_letter_id
            """).rows[0]
        return ImportCounts(new: try row.decode("new"), unchanged: try row.decode("unchanged"), updated: try row.decode("updated"))
    }

    /// An updated letter's participants, links and events become the file's: those the file
    /// gives stay (the inserts skip them), the others go. Deleting them all and inserting the
    /// file's wrote every unchanged participant and link into the letter's history as removed
    /// and added again. The same person in the same place with another capacity, party or
    /// spelling is changed in place, so its history says what changed; links the file's other
    /// letters record from this letter's side stay (they are inserted again below). Fixed text.
    private static let keepUnchangedParts = """
        DELETE FROM letter_participant lp USING stg_letter_id i
        WHERE i.outcome = 'updated' AND lp.letter_id = i.letter_id
          AND NOT EXISTS (SELECT FROM stg_party p
                          WHERE p.rec = i.rec AND p.role = lp.role AND p.position = lp.position AND p.actor_id = lp.actor_id);
        UPDATE letter_participant lp
           SET capacity = p.capacity, represents_id = p.represents_id, represents_kind = p.represents_kind,
               name_as_written = p.name_as_written, name_supplied = coalesce(p.name_supplied, false),
               name_uncertain = coalesce(p.name_uncertain, false)
          FROM stg_party p JOIN stg_letter_id i ON i.rec = p.rec
         WHERE i.outcome = 'updated' AND lp.letter_id = i.letter_id
           AND lp.role = p.role AND lp.position = p.position AND lp.actor_id = p.actor_id
           AND (lp.capacity, lp.represents_id, lp.represents_kind, lp.name_as_written, lp.name_supplied, lp.name_uncertain)
               IS DISTINCT FROM (p.capacity, p.represents_id, p.represents_kind, p.name_as_written,
                                 coalesce(p.name_supplied, false), coalesce(p.name_uncertain, false));
        DELETE FROM letter_link ll USING stg_letter_id i
        WHERE i.outcome = 'updated' AND ll.letter_id = i.letter_id
          AND NOT EXISTS (SELECT FROM stg_link k
                          WHERE k.rec = i.rec AND NOT k.reverse AND k.kind = ll.kind AND k.target_id = ll.target_id)
          AND NOT EXISTS (SELECT FROM stg_link k JOIN stg_letter_id s ON s.rec = k.rec
                          WHERE k.reverse AND k.target_id = ll.letter_id AND k.kind = ll.kind AND s.letter_id = ll.target_id
                            AND s.outcome NOT IN ('deleted', 'newer'));
        DELETE FROM letter_event le USING stg_letter_id i
        WHERE i.outcome = 'updated' AND le.letter_id = i.letter_id
          AND NOT EXISTS (SELECT FROM stg_letter_event e WHERE e.rec = i.rec AND e.event_id = le.event_id);
        """

    /// Where each letter of another register's export was first recorded: the record's `origin`
    /// (a letter that register had from a third), else that register and the ref the letter has
    /// there. A letter first recorded here is the letter under that ref; one met before is the
    /// letter that came from there, whatever its ref here (`letter.origin_register`); another
    /// letter under the ref of one of another origin gets a free ref. Letters of an edition are
    /// known by their edition and number instead. Fixed text, for `prepare()`'s script.
    private static let findByOrigin = """
        -- (In a narrow table of its own: stg_letter stays as copied.)
        -- A letter of an edition is found by its edition and number (by_key): its origin is only
        -- recorded, so that an older export of its register does not roll it back.
        CREATE TEMP TABLE stg_origin ON COMMIT DROP AS
        SELECT s.rec, coalesce(s.origin_register, f.register) AS from_register,
               CASE WHEN s.origin_register IS NOT NULL THEN s.origin_ref ELSE coalesce(s.exported_ref, s.ref) END AS from_ref,
               false AS known, s.external_key IS NOT NULL AS by_key
        FROM stg_letter s JOIN stg_record r ON r.rec = s.rec JOIN stg_file f ON f.file_no = r.file_no
        WHERE s.rec NOT IN (SELECT rec FROM stg_reject)
          AND (s.origin_register IS NOT NULL OR (f.register IS NOT NULL AND NOT f.own_export AND coalesce(s.exported_ref, s.ref) IS NOT NULL));
        CREATE UNIQUE INDEX ON stg_origin (rec);
        ANALYZE stg_origin;
        CREATE TEMP TABLE stg_origin_found ON COMMIT DROP AS
        SELECT o.rec, s.ref AS file_ref, l.ref, true AS ours
        FROM stg_origin o JOIN stg_letter s USING (rec) JOIN letter l ON l.ref = o.from_ref AND l.origin_register IS NULL
        WHERE o.from_register = (SELECT id FROM register_identity) AND NOT o.by_key
        UNION ALL
        SELECT o.rec, s.ref, l.ref, false
        FROM stg_origin o JOIN stg_letter s USING (rec) JOIN letter l ON l.origin_register = o.from_register AND l.origin_ref = o.from_ref
        WHERE NOT o.by_key;
        UPDATE stg_origin o SET known = true FROM stg_origin_found f WHERE f.rec = o.rec;
        UPDATE stg_letter s SET exported_ref = s.ref, ref = f.ref FROM stg_origin_found f WHERE f.rec = s.rec AND f.file_ref <> f.ref;
        INSERT INTO stg_warning (rec, message)
        SELECT rec, format('ref: %s of the file %s: this letter of the file is %s', file_ref,
                           CASE WHEN ours THEN 'was first recorded in this register, as its origin says'
                                ELSE 'was recorded here before, from the register it was first recorded in' END, ref)
        FROM stg_origin_found WHERE file_ref <> ref;
        -- Under the ref of the letter another letter of the file was just found to be, a letter
        -- of another register is another letter. (Under the ref of a letter of another origin,
        -- the rules for refs decide, as they do for registers that did not record origins.)
        CREATE TEMP TABLE stg_origin_other ON COMMIT DROP AS
        SELECT o.rec, s.ref AS file_ref, min(coalesce(k.exported_ref, k.ref)) AS found_as
        FROM stg_origin o JOIN stg_letter s USING (rec)
        JOIN stg_letter k ON k.ref = s.ref AND k.rec <> s.rec AND k.rec IN (SELECT rec FROM stg_origin_found)
        WHERE NOT o.known AND NOT o.by_key AND s.ref IS NOT NULL
        GROUP BY o.rec, s.ref;
        UPDATE stg_letter s SET exported_ref = s.ref, ref = NULL FROM stg_origin_other o WHERE o.rec = s.rec;
        -- Under the ref of a letter first recorded in a register (another, or this letter's own
        -- under another of its refs), a letter of the file not found by its origin is another
        -- letter too, whatever it shares with it: that letter came from elsewhere. (One of an
        -- origin the joined files give twice is left to the rules for refs.)
        CREATE TEMP TABLE stg_origin_elsewhere ON COMMIT DROP AS
        SELECT o.rec, s.ref AS file_ref, o.from_register, o.from_ref, l.origin_register AS stored_register, l.origin_ref AS stored_ref
        FROM stg_origin o JOIN stg_letter s USING (rec) JOIN letter l ON l.ref = s.ref
        WHERE NOT o.known AND NOT o.by_key AND l.origin_register IS NOT NULL AND o.from_register <> (SELECT id FROM register_identity)
          AND o.rec NOT IN (SELECT rec FROM stg_origin_other)
          AND NOT EXISTS (SELECT FROM stg_origin p WHERE p.from_register = o.from_register AND p.from_ref = o.from_ref AND p.rec <> o.rec);
        UPDATE stg_letter s SET exported_ref = s.ref, ref = NULL FROM stg_origin_elsewhere o WHERE o.rec = s.rec;
        INSERT INTO stg_warning (rec, message)
        SELECT o.rec, format('origin: the file says this letter was first recorded in this register as %s, which it does not have; '
                             || 'it is read by its ref alone, as a letter of no known origin', o.from_ref)
        FROM stg_origin o WHERE NOT o.known AND NOT o.by_key AND o.from_register = (SELECT id FROM register_identity);
        -- Letters of the file of one origin (joined exports of two registers that both had it)
        -- are one letter: the later ones take the first's ref, and read once if alike.
        CREATE TEMP TABLE stg_origin_shared ON COMMIT DROP AS
        SELECT o.rec, o.from_register, o.from_ref FROM stg_origin o
        WHERE o.from_register IS NOT NULL AND NOT o.by_key AND EXISTS (
            SELECT FROM stg_origin p WHERE p.from_register = o.from_register AND p.from_ref = o.from_ref AND p.rec <> o.rec);
        UPDATE stg_letter s SET exported_ref = s.ref, ref = first.ref
          FROM stg_origin o
          JOIN LATERAL (SELECT k.ref FROM stg_origin p JOIN stg_letter k ON k.rec = p.rec
                         WHERE p.from_register = o.from_register AND p.from_ref = o.from_ref AND p.rec < o.rec AND k.ref IS NOT NULL
                           AND NOT p.by_key
                         ORDER BY p.rec LIMIT 1) first ON true
         WHERE o.rec = s.rec AND NOT o.by_key AND s.ref IS DISTINCT FROM first.ref;
        -- A letter first recorded here has no origin; two letters of the file from one are one.
        UPDATE stg_origin SET from_register = NULL, from_ref = NULL
         WHERE from_register = (SELECT id FROM register_identity)
            OR rec IN (SELECT rec FROM (SELECT rec, row_number() OVER (PARTITION BY from_register, from_ref ORDER BY known DESC, rec) AS n FROM stg_origin) d
                       WHERE n > 1);
        """

    /// Letters a record of this register's own export would change, for `ChangedSinceExport`.
    private static let changedSinceExport = ChangedSinceExport.Kind(
        noun: "letter",
        // Those it would rewrite, and those it would cite a source the letter no longer cites.
        candidates: """
            SELECT i.rec, i.letter_id AS id, l.ref AS label FROM stg_letter_id i JOIN letter l ON l.id = i.letter_id
            WHERE i.outcome = 'updated'
               OR (i.outcome = 'unchanged' AND EXISTS (
                   SELECT FROM stg_citation sc WHERE sc.rec = i.rec AND NOT EXISTS (
                       SELECT FROM citation ct JOIN source src ON src.id = ct.source_id
                       WHERE ct.letter_id = i.letter_id
                         AND (((sc.url IS NOT NULL AND src.url = sc.url) OR (sc.url IS NULL AND src.url IS NULL AND src.title = sc.title))
                              -- (A source retitled since is the file's source, as `SourceMerge` finds it.)
                              OR EXISTS (SELECT FROM history h WHERE h.table_name = 'source' AND h.row_key = jsonb_build_object('id', src.id)
                                           AND h.operation = 'UPDATE'
                                           AND ((sc.url IS NOT NULL AND h.before ->> 'url' = sc.url)
                                                OR (sc.url IS NULL AND h.before ->> 'url' IS NULL AND h.before ->> 'title' = sc.title)))))))
            """,
        history: ["h.table_name = 'letter' AND h.row_key = jsonb_build_object('id', c.id)",
                  // Its participants, links and events (indexed as `history_letter`).
                  "h.row_key ? 'letter_id' AND (h.row_key ->> 'letter_id')::bigint = c.id",
                  // Its sources (`history_citation_letter`).
                  "h.table_name = 'citation' AND (coalesce(h.after, h.before) ->> 'letter_id')::bigint = c.id",
                  // A letter it links to deleted or restored: an export leaves out links to
                  // deleted letters, so one made before a restore lacks the link.
                  """
                  h.table_name = 'letter' AND h.row_key IN (SELECT jsonb_build_object('id', k.target_id) FROM letter_link k WHERE k.letter_id = c.id)
                  AND (h.before ->> 'deleted_at') IS DISTINCT FROM (h.after ->> 'deleted_at')
                  """],
        seeAlso: "' (`chancery letter history ' || label || '` shows the change)'")

    /// Puts the written letters into the listing tables in one pass, planned on fresh statistics
    /// (``StatisticsRefresh``): hash joins, not nested loops that visit every participant of a
    /// country once per letter.
    private func relistWrittenLetters(_ written: Int) async throws {
        try await StatisticsRefresh(connection: connection).afterWriting(written, to: ["letter_participant"])
        try await connection.executeScript(
            """
            SELECT relist_letters(ARRAY(SELECT letter_id FROM stg_letter_id WHERE outcome IN ('new', 'updated')));
            SELECT set_config('chancery.relist_deferred', 'off', true);
            """)
    }

    /// References for new letters that have none, as `letter add` makes them: the sender's and
    /// the first recipient's countries, the year, and the next free number (US-KH-2022-001).
    /// Says of each letter that came under another letter's ref which letter it is here: found
    /// again, or new under the free ref it was just given.
    private func warnOfForeignReferences() async throws {
        try await connection.execute(
            """
            INSERT INTO stg_warning (rec, message)
            SELECT f.rec, format('ref: %s is another letter in the register, “%s” of %s (%s); %s; '
                                 || 'if the record was meant to correct %s itself, change it with `chancery letter edit %s`',
                                 s.exported_ref, f.stored_subject, f.stored_sent_edtf,
                                 CASE WHEN f.no_common THEN 'no sender or addressee in common' ELSE 'another date and subject' END,
                                 CASE WHEN f.found_ref IS NULL THEN format('this letter of the file is new here, under the free ref %s', s.ref)
                                      ELSE format('this letter of the file is %s, of the same date, subject, senders and addressees', s.ref) END,
                                 s.exported_ref, s.exported_ref)
            FROM stg_foreign_ref f JOIN stg_letter s USING (rec)
            WHERE s.rec NOT IN (SELECT rec FROM stg_reject)
            """)
        try await connection.executeScript(
            """
            INSERT INTO stg_warning (rec, message)
            SELECT o.rec, format('ref: %s here is the letter the file names %s (by its origin), not this one; '
                                 || 'this letter of the file is new here, under the free ref %s', o.file_ref, o.found_as, s.ref)
            FROM stg_origin_other o JOIN stg_letter s USING (rec) JOIN stg_letter_id i USING (rec)
            WHERE s.rec NOT IN (SELECT rec FROM stg_reject) AND i.outcome = 'new';
            INSERT INTO stg_warning (rec, message)
            SELECT o.rec, format('ref: %s here is another letter than the file''s, which register %s first recorded as %s (the one here '
                                 || 'was first recorded in register %s as %s); this letter of the file is new here, under the free ref %s',
                                 o.file_ref, o.from_register, o.from_ref, o.stored_register, o.stored_ref, s.ref)
            FROM stg_origin_elsewhere o JOIN stg_letter s USING (rec) JOIN stg_letter_id i USING (rec)
            WHERE s.rec NOT IN (SELECT rec FROM stg_reject) AND i.outcome = 'new'
            """)
    }

    private func allocateReferences() async throws {
        try await connection.execute(
            """
            -- Each new letter's first author's and first recipient's country, in one pass.
            WITH first_parties AS MATERIALIZED (
                SELECT DISTINCT ON (p.rec, p.role) p.rec, p.role, coalesce(a.iso_code, r.iso_code) AS code
                FROM stg_party p JOIN actor a ON a.id = p.actor_id LEFT JOIN actor r ON r.id = p.represents_id
                WHERE p.role IN ('author', 'recipient')
                ORDER BY p.rec, p.role, p.position),
            prefixed AS MATERIALIZED (
                SELECT s.rec,
                       coalesce(fa.code, 'XX') || '-' || coalesce(fr.code, 'XX') || '-' ||
                       -- The year as ReferenceAllocator.year writes it: 45BC before the common era.
                       CASE WHEN NOT isfinite(s.sent_earliest) AND NOT isfinite(s.sent_latest) THEN 'ND'
                            WHEN y.day < '0001-01-01' THEN ltrim(to_char(y.day, 'YYYY'), '0') || 'BC'
                            ELSE to_char(y.day, 'YYYY') END || '-' AS prefix
                FROM stg_letter s JOIN stg_letter_id i USING (rec)
                CROSS JOIN LATERAL (SELECT CASE WHEN isfinite(s.sent_earliest) THEN s.sent_earliest ELSE s.sent_latest END AS day) y
                LEFT JOIN first_parties fa ON fa.rec = s.rec AND fa.role = 'author'
                LEFT JOIN first_parties fr ON fr.rec = s.rec AND fr.role = 'recipient'
                WHERE i.outcome = 'new' AND s.ref IS NULL),
            numbered AS MATERIALIZED (
                SELECT rec, prefix, row_number() OVER (PARTITION BY prefix ORDER BY rec) AS n FROM prefixed),
            -- Computed once: inlined, the planner (misled by the outcomes set since the last
            -- ANALYZE) re-ran it for every letter, 26 s for a 2,434-letter edition.
            highest AS MATERIALIZED (
                SELECT p.prefix, coalesce(max(substr(taken.ref, length(p.prefix) + 1)::bigint), 0) AS n,
                       -- As wide as the numbers already there (0017907 goes on with 0017908).
                       greatest(3, max(length(substr(taken.ref, length(p.prefix) + 1)))) AS width
                FROM (SELECT DISTINCT prefix FROM prefixed) p
                LEFT JOIN LATERAL (
                    SELECT ref FROM letter WHERE ref LIKE p.prefix || '%' AND substr(ref, length(p.prefix) + 1) ~ '^[0-9]{1,15}$'
                    UNION ALL
                    SELECT ref FROM stg_letter WHERE ref LIKE p.prefix || '%' AND substr(ref, length(p.prefix) + 1) ~ '^[0-9]{1,15}$'
                ) taken ON true
                GROUP BY p.prefix)
            UPDATE stg_letter s SET ref = n.prefix || CASE WHEN length((h.n + n.n)::text) < h.width THEN lpad((h.n + n.n)::text, h.width, '0')
                                                           ELSE (h.n + n.n)::text END
              FROM numbered n JOIN highest h USING (prefix)
             WHERE s.rec = n.rec
            """)
    }
}
