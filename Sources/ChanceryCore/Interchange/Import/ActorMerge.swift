import LibPQClient
import ChanceryModel
import ChanceryInterchange

/// Merges staged actors into `actor` and resolves every actor reference in the import.
///
/// An actor is matched by its strongest identifier (Wikidata, VIAF, GND, ISO code), else by
/// kind and name; namesakes are told apart by their order (the second "John Smith" of a file is
/// the second stored one), which is how exports write them. Missing authority ids and aliases
/// are filled in on matched actors; nothing recorded is overwritten.
struct ActorMerge {
    let connection: PostgresConnection

    /// Words that tell two otherwise equal names apart, as a regular expression over a lowered
    /// name: an initial, a Roman numeral, an ordinal (German and English).
    private static let distinguishingWords = "'(^|[[:space:]])([[:alpha:]]|[ivxl]+|"
        + "(erst|zweit|dritt|viert|fünft|sechst|letzt|jüngst|ältest)(e|er|en|es)?|first|second|third|fourth|fifth|last|elder|younger"
        + ")[.]?(?=[[:space:]]|,|$)'"

    /// `column`'s name lowered, without those words, its spaces collapsed; `column` is fixed by
    /// this type's code.
    private static func withoutDistinguishingWords(_ column: String) -> String {
        "btrim(regexp_replace(regexp_replace(lower(\(column)), \(distinguishingWords), ' ', 'g'), '[[:space:]]+', ' ', 'g'))"
    }

    /// How `chancery actor merge` names the actor `row` (a row with id, name and authority ids):
    /// by its name, unless another actor has the same one ("matches 2 actors"); then by its
    /// Wikidata, GND or VIAF id, else by its id in the register. `row` is an alias fixed by this
    /// type's code.
    static func handle(_ row: String) -> String {
        """
        CASE WHEN NOT EXISTS (SELECT FROM actor o WHERE lower(o.name) = lower(\(row).name) AND o.id <> \(row).id) THEN \(row).name
             WHEN \(row).wikidata_id IS NOT NULL THEN \(row).wikidata_id
             WHEN \(row).gnd_id IS NOT NULL THEN 'gnd:' || \(row).gnd_id
             WHEN \(row).viaf_id IS NOT NULL THEN 'viaf:' || \(row).viaf_id
             ELSE 'id:' || \(row).id END
        """
    }

    /// The ids the actor `id` (an SQL expression of this type's callers) stands for in history:
    /// its own and those of the actors merged into it (`actor_merge`), whose rows are gone.
    static func idsStoodFor(_ id: String) -> String {
        "(SELECT \(id) UNION ALL SELECT m.merged_actor_id FROM actor_merge m WHERE m.kept_id = \(id))"
    }

    /// ``handle(_:)`` quoted for a POSIX shell, whatever the name holds.
    static func shellQuotedHandle(_ row: String) -> String {
        "'''' || replace(\(handle(row)), '''', '''\\''''') || ''''"
    }

    /// What an actor of this register's own export may have lost since the export, which the
    /// import would otherwise give it back: an authority id, an ISO code or a note cleared
    /// (`ChangedSinceExport`). Each is the staged column and what finds it.
    private static let clearedSinceExport = [
        ("wikidata_id", "wikidata", "wikidataId", "Wikidata id"), ("viaf_id", "viaf", "viafId", "VIAF id"),
        ("gnd_id", "gnd", "gndId", "GND id"), ("iso_code", "iso", "iso", "ISO code"), ("note", "note", "note", "note"),
    ].map { column, staged, field, noun in
        (staged, ChangedSinceExport.Kind(
            field: field, noun: "the " + noun, verb: "was removed",
            candidates: """
                SELECT i.rec, i.actor_id AS id, i.identity, i.\(staged) AS given,
                       format('“%s” of %s', CASE WHEN length(i.\(staged)) > 60 THEN left(i.\(staged), 60) || '…' ELSE i.\(staged) END,
                              a.name) AS label,
                       \(shellQuotedHandle("a")) AS handle
                FROM stg_identity i JOIN actor a ON a.id = i.actor_id
                WHERE i.existed AND i.\(staged) IS NOT NULL AND a.\(column) IS NULL
                """,
            // (Changed to another value first and cleared later, it left the file's value then.)
            history: ["h.table_name = 'actor' AND h.row_key IN (SELECT jsonb_build_object('id', x) FROM \(idsStoodFor("c.id")) x(x)) "
                      + "AND h.operation = 'UPDATE' AND h.before ->> '\(column)' = c.given "
                      + "AND h.after ->> '\(column)' IS DISTINCT FROM c.given"],
            seeAlso: "' (`chancery actor history ' || handle || '` shows the change)'"))
    }

    /// An other name of an actor of this register's own export that the register removed since.
    private static let aliasRemovedSinceExport = ChangedSinceExport.Kind(
        field: "aliases", noun: "the other name", verb: "was removed",
        candidates: """
            SELECT i.rec, i.actor_id AS id, al.alias, format('“%s” of %s', al.alias, a.name) AS label,
                   \(shellQuotedHandle("a")) AS handle
            FROM stg_identity_alias al JOIN stg_identity i USING (identity) JOIN actor a ON a.id = i.actor_id
            WHERE i.existed AND lower(al.alias) <> lower(a.name)
              AND NOT EXISTS (SELECT FROM actor_alias x WHERE x.actor_id = i.actor_id AND lower(x.alias) = lower(al.alias))
            """,
        history: ["h.table_name = 'actor_alias' AND h.row_key IN (SELECT jsonb_build_object('actor_id', x, 'alias', c.alias) "
                  + "FROM \(idsStoodFor("c.id")) x(x)) AND h.operation = 'DELETE'"],
        seeAlso: "' (`chancery actor history ' || handle || '` shows the change)'")

    /// Checks what can be checked before merging: ISO codes.
    func prepare() async throws {
        try await rejectUnknownCountries()
    }

    func merge() async throws -> ImportCounts {
        try await connection.executeScript(
            """
            CREATE TEMP TABLE stg_identity ON COMMIT DROP AS
            SELECT DISTINCT ON (identity) identity, rec, kind, name, key, iso, wikidata, viaf, gnd, note, unidentified,
                   NULL::bigint AS actor_id, false AS existed
            FROM stg_actor WHERE rec NOT IN (SELECT rec FROM stg_reject) ORDER BY identity, rec;
            CREATE TEMP TABLE stg_identity_alias ON COMMIT DROP AS
            SELECT DISTINCT s.identity, a.alias FROM stg_actor s, unnest(s.aliases) AS a(alias)
            WHERE s.rec NOT IN (SELECT rec FROM stg_reject);
            CREATE UNIQUE INDEX ON stg_identity (identity);
            -- (Made before any row changes, or it is not used until the import commits.)
            CREATE INDEX ON stg_identity (actor_id);
            ANALYZE stg_identity; ANALYZE stg_identity_alias;

            UPDATE stg_identity i SET actor_id = a.id FROM actor a WHERE i.wikidata IS NOT NULL AND a.wikidata_id = i.wikidata;
            UPDATE stg_identity i SET actor_id = a.id FROM actor a
             WHERE i.actor_id IS NULL AND i.viaf IS NOT NULL AND a.viaf_id = i.viaf;
            UPDATE stg_identity i SET actor_id = a.id FROM actor a
             WHERE i.actor_id IS NULL AND i.gnd IS NOT NULL AND a.gnd_id = i.gnd;
            UPDATE stg_identity i SET actor_id = a.id FROM actor a
             WHERE i.actor_id IS NULL AND i.iso IS NOT NULL AND a.iso_code = i.iso;
            -- Known by a name before its authority id was: match the name where that id is still empty.
            UPDATE stg_identity i SET actor_id = (
                SELECT min(a.id) FROM actor a
                WHERE a.kind = i.kind AND lower(a.name) = lower(i.name)
                  AND (i.wikidata IS NULL OR a.wikidata_id IS NULL) AND (i.viaf IS NULL OR a.viaf_id IS NULL)
                  AND (i.gnd IS NULL OR a.gnd_id IS NULL) AND (i.iso IS NULL OR a.iso_code IS NULL))
             WHERE i.actor_id IS NULL AND i.identity NOT LIKE 'name:%';
            WITH staged AS (
                SELECT identity, kind, lower(name) AS folded,
                       row_number() OVER (PARTITION BY kind, lower(name) ORDER BY rec) AS rank
                FROM stg_identity WHERE identity LIKE 'name:%'),
            stored AS (
                SELECT a.id, a.kind, lower(a.name) AS folded,
                       row_number() OVER (PARTITION BY a.kind, lower(a.name) ORDER BY a.id) AS rank
                FROM actor a WHERE (a.kind, lower(a.name)) IN (SELECT kind, folded FROM staged))
            UPDATE stg_identity i SET actor_id = stored.id
              FROM staged JOIN stored USING (kind, folded, rank)
             WHERE i.identity = staged.identity;
            -- A name that is a stored actor's alias ("Jo Biden") names that actor, if only one.
            UPDATE stg_identity i SET actor_id = m.id FROM (
                SELECT i2.identity, min(al.actor_id) AS id
                FROM stg_identity i2
                JOIN actor_alias al ON lower(al.alias) = lower(i2.name)
                JOIN actor a ON a.id = al.actor_id AND a.kind = i2.kind
                WHERE i2.actor_id IS NULL AND i2.identity LIKE 'name:%' AND i2.key IS NULL
                GROUP BY i2.identity HAVING count(DISTINCT al.actor_id) = 1) m
             WHERE i.identity = m.identity;
            -- CMIF cannot tell a state from an organization: an orgName naming a stored state is that state.
            UPDATE stg_identity i SET actor_id = m.id, kind = 'state' FROM (
                SELECT i2.identity, min(a.id) AS id FROM stg_identity i2
                JOIN actor a ON a.kind = 'state' AND lower(a.name) = lower(i2.name)
                WHERE i2.actor_id IS NULL AND i2.kind = 'organization' AND i2.identity LIKE 'name:%'
                GROUP BY i2.identity HAVING count(*) = 1) m
             WHERE i.identity = m.identity;
            -- A spreadsheet without a kind column names every correspondent as a person: a name that
            -- is exactly one stored state or organization is that actor.
            UPDATE stg_identity i SET actor_id = m.id, kind = m.kind FROM (
                SELECT i2.identity, min(a.id) AS id, min(a.kind::text)::actor_kind AS kind FROM stg_identity i2
                JOIN actor a ON a.kind <> 'person' AND lower(a.name) = lower(i2.name)
                WHERE i2.actor_id IS NULL AND i2.kind = 'person' AND i2.identity LIKE 'name:%' AND i2.key IS NULL
                GROUP BY i2.identity HAVING count(*) = 1) m
             WHERE i.identity = m.identity;
            -- An actor of this register's own export that the register renamed or gave another
            -- authority id since the export is the actor its history says had that name or id
            -- then (one only), as it is now: a new actor would take the file's letters from it.
            CREATE TEMP TABLE stg_actor_since ON COMMIT DROP AS
            -- (Merged since into another actor, it is that actor.)
            SELECT i.identity, min(coalesce(m.kept_id, (h.row_key ->> 'id')::bigint)) AS actor_id
            FROM stg_identity i JOIN stg_record r ON r.rec = i.rec JOIN stg_file f ON f.file_no = r.file_no
            JOIN history h ON h.table_name = 'actor' AND h.operation = 'UPDATE' AND h.changed_at >= f.exported_at
            LEFT JOIN actor_merge m ON m.merged_actor_id = (h.row_key ->> 'id')::bigint
            WHERE i.actor_id IS NULL AND f.own_export AND f.exported_at IS NOT NULL AND h.before ->> 'kind' = i.kind::text
              AND (lower(h.before ->> 'name') = lower(i.name)
                   OR h.before ->> 'wikidata_id' = i.wikidata OR h.before ->> 'viaf_id' = i.viaf
                   OR h.before ->> 'gnd_id' = i.gnd OR h.before ->> 'iso_code' = i.iso)
              AND EXISTS (SELECT FROM actor a WHERE a.id = coalesce(m.kept_id, (h.row_key ->> 'id')::bigint))
            GROUP BY i.identity HAVING count(DISTINCT coalesce(m.kept_id, (h.row_key ->> 'id')::bigint)) = 1;
            UPDATE stg_identity i SET actor_id = m.actor_id FROM stg_actor_since m WHERE i.identity = m.identity;
            INSERT INTO stg_warning (rec, message)
            SELECT i.rec, format('actor: ''%s'' of this register''s own export is %s, whose name or authority id was changed in the register '
                                 || 'after the export: taken for it, as it is now (`chancery actor show %s`)', i.name, a.name, \(unescaped: Self.handle("a")))
            FROM stg_actor_since m JOIN stg_identity i USING (identity) JOIN actor a ON a.id = m.actor_id;
            UPDATE stg_identity SET existed = true WHERE actor_id IS NOT NULL;
            """)
        // What the register removed from an actor since its own export stays removed, unless the
        // import puts the file's back.
        for (staged, kind) in Self.clearedSinceExport {
            try await connection.executeScript(
                """
                \(unescaped: ChangedSinceExport.find(kind, into: "stg_newer_actor_\(staged)"))
                UPDATE stg_identity SET \(unescaped: staged) = NULL
                 WHERE identity IN (SELECT identity FROM stg_newer_actor_\(unescaped: staged) WHERE kept);
                """)
        }
        try await connection.executeScript(
            """
            \(unescaped: ChangedSinceExport.find(Self.aliasRemovedSinceExport, into: "stg_newer_alias"))
            DELETE FROM stg_identity_alias al USING stg_identity i, stg_newer_alias n
             WHERE i.identity = al.identity AND n.id = i.actor_id AND n.alias = al.alias AND n.kept;
            """)
        let updatedIDs = Set(try await connection.query(
            """
            UPDATE actor a SET wikidata_id = coalesce(a.wikidata_id, i.wikidata), viaf_id = coalesce(a.viaf_id, i.viaf),
                               gnd_id = coalesce(a.gnd_id, i.gnd), iso_code = coalesce(a.iso_code, i.iso),
                               note = coalesce(a.note, i.note)
            FROM stg_identity i
            WHERE i.existed AND a.id = i.actor_id
              AND ((a.wikidata_id IS NULL AND i.wikidata IS NOT NULL) OR (a.viaf_id IS NULL AND i.viaf IS NOT NULL)
                   OR (a.gnd_id IS NULL AND i.gnd IS NOT NULL) OR (a.iso_code IS NULL AND i.iso IS NOT NULL)
                   OR (a.note IS NULL AND i.note IS NOT NULL))
            RETURNING a.id
            """).rows.map { try $0.decode("id", as: Int64.self) })
        // Ids in file order, so actors keep the order they were listed in (exports follow it).
        try await connection.executeScript(
            """
            CREATE TEMP TABLE stg_new_actor ON COMMIT DROP AS
            SELECT identity, nextval(pg_get_serial_sequence('actor', 'id')) AS id
            FROM (SELECT identity FROM stg_identity WHERE actor_id IS NULL ORDER BY rec) ordered;
            UPDATE stg_identity i SET actor_id = n.id FROM stg_new_actor n WHERE n.identity = i.identity;
            INSERT INTO actor (id, kind, name, iso_code, wikidata_id, viaf_id, gnd_id, note, unidentified) OVERRIDING SYSTEM VALUE
            SELECT actor_id, kind, name, iso, wikidata, viaf, gnd, note, unidentified FROM stg_identity WHERE NOT existed ORDER BY rec;
            """)
        // The lookups below plan on the actor table as it is now, not as an empty register was.
        let created = try await connection.query("SELECT count(*) AS n FROM stg_new_actor").rows[0].decode("n", as: Int.self)
        try await StatisticsRefresh(connection: connection).afterWriting(created, to: ["actor"])
        try await connection.executeScript(
            """
            -- A new actor known only by a name close to another's (a typo, a ligature, a variant
            -- spelling: "Solm-Laubach" beside "Solms-Laubach") may be that actor: named, with how
            -- to merge the two. The trigram index finds the candidates; descriptions of someone
            -- unnamed ("einen Freund", "einen guten Freund") are many people and not compared. The
            -- index prunes by the threshold `%` reads: at its default (0.3) each lookup visits most
            -- actors sharing a common trigram (a minute for 5,000 new actors, against 0.4 s).
            -- New names wait in the trigram index's pending list, which every lookup reads whole.
            -- (Only the index's owner may clean it; another role's import is slower, not refused.)
            SELECT gin_clean_pending_list(c.oid) FROM pg_class c
             WHERE c.oid = 'actor_name_trigram'::regclass AND pg_has_role(current_user, c.relowner, 'USAGE');
            SELECT set_config('pg_trgm.similarity_threshold', '0.7', true);
            -- The planner costs a similarity as cheap as an equality, and would read every actor
            -- once per new one (5,000 × 5,000 similarities: a minute) rather than the index.
            SELECT set_config('enable_seqscan', 'off', true);
            ANALYZE stg_identity;
            INSERT INTO stg_warning (rec, message, merge_actor, merge_into)
            SELECT DISTINCT ON (lower(n.name), c.name) n.rec, format('''%s'' is a new actor, and its name is close to ''%s''%s: if the two are one, '
                                 || '`chancery actor merge %s --into %s` makes this name an alias, which later imports find',
                                 n.name, c.name,
                                 CASE WHEN c.rec IS NULL THEN ', already recorded'
                                      WHEN r.file_no = own.file_no THEN format(', new at line %s', r.line)
                                      ELSE format(', new at %s:%s', f.name, r.line) END,
                                 -- Quoted for a POSIX shell, whatever the names hold.
                                 '''' || replace(\(unescaped: Self.handle("na")), '''', '''\\''''') || '''',
                                 '''' || replace(\(unescaped: Self.handle("c")), '''', '''\\''''') || ''''),
                   \(unescaped: Self.handle("na")), \(unescaped: Self.handle("c"))
            FROM stg_identity n JOIN actor na ON na.id = n.actor_id
            CROSS JOIN LATERAL (
                SELECT a.id, a.name, a.wikidata_id, a.gnd_id, a.viaf_id,
                       (SELECT e.rec FROM stg_identity e WHERE e.actor_id = a.id AND NOT e.existed ORDER BY e.rec LIMIT 1) AS rec
                FROM actor a
                -- (The kind compared as text: the planner would take the kind's index over the trigrams'.)
                WHERE lower(a.name) % lower(n.name) AND a.kind::text = n.kind::text AND a.id <> n.actor_id AND NOT a.unidentified
                  AND similarity(lower(a.name), lower(n.name)) >= 0.7
                  -- Compared with actors recorded before, and with new ones the import met earlier.
                  AND NOT EXISTS (SELECT FROM stg_identity e WHERE e.actor_id = a.id AND NOT e.existed AND e.rec > n.rec)
                  -- Names that differ only in an initial, a numeral or an ordinal ("Sarah R. Clarke",
                  -- "Sarah W. Clarke"; "Johann Georg I.", "II."; "das erste", "das zweite Collegium")
                  -- are usually two.
                  AND \(unescaped: Self.withoutDistinguishingWords("a.name")) <> \(unescaped: Self.withoutDistinguishingWords("n.name"))
                ORDER BY similarity(lower(a.name), lower(n.name)) DESC, a.id LIMIT 1) c
            JOIN stg_record own ON own.rec = n.rec
            LEFT JOIN stg_record r ON r.rec = c.rec LEFT JOIN stg_file f ON f.file_no = r.file_no
            WHERE NOT n.existed AND n.identity LIKE 'name:%' AND n.kind <> 'state' AND NOT na.unidentified
            ORDER BY lower(n.name), c.name, n.rec;
            RESET pg_trgm.similarity_threshold;
            RESET enable_seqscan;
            -- Whom the name rule took for an editor's description, said once, at the first of them:
            -- an edition's editor checks them with the list.
            INSERT INTO stg_warning (rec, message)
            SELECT rec, format('''%s''%s by %s name: marked unidentified, and left out of the busiest correspondents; %s',
                               name, CASE WHEN n > 1 THEN format(' and %s other new actors are descriptions of someone unnamed,', n - 1)
                                          ELSE ' is a description of someone unnamed,' END,
                               CASE WHEN n > 1 THEN 'their' ELSE 'its' END,
                               CASE WHEN n > 1 THEN '`chancery actor list --unidentified` lists them, and ' ELSE '' END
                               || '`chancery actor edit NAME --unidentified false` corrects one the rule took wrongly')
            FROM (SELECT i.rec, i.name, count(*) OVER () AS n FROM stg_identity i JOIN actor a ON a.id = i.actor_id
                  WHERE NOT i.existed AND i.unidentified IS NULL AND a.unidentified ORDER BY i.rec LIMIT 1) first;
            -- An existing actor keeps what is recorded of it; a dataset saying otherwise is named.
            INSERT INTO stg_warning (rec, message)
            SELECT i.rec, format('unidentified: %s is recorded as %s; the import leaves it so (`chancery actor edit "%s" --unidentified %s` changes it)',
                                 a.name, CASE WHEN a.unidentified THEN 'unidentified' ELSE 'identified' END, a.name,
                                 CASE WHEN i.unidentified THEN 'true' ELSE 'false' END)
            FROM stg_identity i JOIN actor a ON a.id = i.actor_id
            WHERE i.existed AND i.unidentified IS NOT NULL AND i.unidentified <> a.unidentified;
            """)
        let aliased = Set(try await connection.query(
            """
            INSERT INTO actor_alias (actor_id, alias)
            SELECT DISTINCT i.actor_id, al.alias
            FROM stg_identity_alias al JOIN stg_identity i USING (identity) JOIN actor a ON a.id = i.actor_id
            -- (An actor renamed to one of its other names has that name as its own now.)
            WHERE lower(al.alias) <> lower(i.name) AND lower(al.alias) <> lower(a.name)
              -- (Spelt in another case, it is there.)
              AND NOT EXISTS (SELECT FROM actor_alias x WHERE x.actor_id = i.actor_id AND lower(x.alias) = lower(al.alias))
            ON CONFLICT DO NOTHING
            RETURNING actor_id
            """).rows.map { try $0.decode("actor_id", as: Int64.self) })
        let row = try await connection.query(
            """
            SELECT count(*) FILTER (WHERE NOT existed) AS new,
                   count(*) FILTER (WHERE existed AND actor_id = ANY(\(Array(updatedIDs.union(aliased)))::int8[])) AS updated,
                   count(*) AS total
            FROM stg_identity
            """).rows[0]
        let new: Int = try row.decode("new"), updated: Int = try row.decode("updated"), total: Int = try row.decode("total")
        return ImportCounts(new: new, unchanged: total - new - updated, updated: updated)
    }

    private func rejectUnknownCountries() async throws {
        try await connection.execute(
            """
            INSERT INTO stg_reject (rec, reason)
            SELECT s.rec, format('iso: ''%s'' is not an ISO 3166-1 alpha-2 country code (use two letters, e.g. KH)', s.iso)
            FROM stg_actor s WHERE s.iso IS NOT NULL AND NOT EXISTS (SELECT 1 FROM country c WHERE c.code = s.iso)
            """)
    }

    /// Resolves every distinct actor reference in the import: the dataset's own keys and names
    /// first, then ISO codes, Wikidata, VIAF and GND ids, then stored names and aliases.
    func resolveReferences() async throws {
        try await connection.executeScript(
            """
            CREATE TEMP TABLE stg_ref (ref text PRIMARY KEY, actor_id bigint, kind actor_kind, candidates int NOT NULL DEFAULT 0)
                ON COMMIT DROP;
            INSERT INTO stg_ref (ref)
            SELECT DISTINCT r FROM (
                SELECT actor FROM stg_participant UNION SELECT on_behalf_of FROM stg_participant
                UNION SELECT member FROM stg_membership UNION SELECT organization FROM stg_membership
                UNION SELECT holder FROM stg_role UNION SELECT of_ref FROM stg_role
                UNION SELECT host FROM stg_event UNION SELECT actor FROM stg_event_participant
                UNION SELECT inviter FROM stg_invitation UNION SELECT inviter_on_behalf_of FROM stg_invitation
                UNION SELECT invitee FROM stg_invitee UNION SELECT invitee FROM stg_response
            ) AS x(r) WHERE r IS NOT NULL;

            UPDATE stg_ref r SET actor_id = l.actor_id FROM (
                SELECT lower(coalesce(key, name)) AS local_name, min(actor_id) AS actor_id
                FROM stg_identity GROUP BY 1 HAVING count(DISTINCT actor_id) = 1) l
             WHERE lower(r.ref) = l.local_name;
            UPDATE stg_ref r SET actor_id = a.id FROM actor a
             WHERE r.actor_id IS NULL AND r.ref ~ '^[A-Z]{2}$' AND a.iso_code = r.ref;
            UPDATE stg_ref r SET actor_id = a.id FROM actor a
             WHERE r.actor_id IS NULL AND r.ref ~* '^Q[1-9][0-9]*$' AND a.wikidata_id = upper(r.ref);
            UPDATE stg_ref r SET actor_id = a.id FROM actor a
             WHERE r.actor_id IS NULL AND r.ref ~* '^viaf:' AND a.viaf_id = substr(r.ref, 6);
            UPDATE stg_ref r SET actor_id = a.id FROM actor a
             WHERE r.actor_id IS NULL AND r.ref ~* '^gnd:' AND a.gnd_id = substr(r.ref, 5);
            UPDATE stg_ref r SET actor_id = CASE WHEN m.n = 1 THEN m.id END, candidates = m.n FROM (
                SELECT r2.ref, min(c.id) AS id, count(DISTINCT c.id) AS n
                FROM stg_ref r2
                JOIN LATERAL (SELECT a.id FROM actor a WHERE lower(a.name) = lower(r2.ref)
                              UNION SELECT al.actor_id FROM actor_alias al WHERE lower(al.alias) = lower(r2.ref)) c ON true
                WHERE r2.actor_id IS NULL GROUP BY r2.ref) m
             WHERE r.ref = m.ref;
            UPDATE stg_ref r SET kind = a.kind FROM actor a WHERE a.id = r.actor_id;
            ANALYZE stg_ref;
            """)
    }

    /// Rejects records whose reference in `column` names no actor, several, or one of the wrong kind.
    /// `table`, `column`, `field` and `kinds` are fixed by the caller's code, never user input.
    func rejectUnresolved(table: StagingTable, column: String, field: String, kinds: [ActorKind] = ActorKind.allCases) async throws {
        let wanted = kinds.map(\.rawValue)
        let kindNames = kinds.map(\.rawValue).joined(separator: " or ")
        // The staging table and column are names fixed by the caller's code; the field name and
        // the kinds are bound.
        try await connection.execute(
            """
            INSERT INTO stg_reject (rec, reason)
            SELECT t.rec, CASE
                WHEN r.candidates > 1 THEN format('%s: ''%s'' matches %s actors; use an ISO code, Wikidata id or the actor''s key', \(field)::text, r.ref, r.candidates)
                WHEN r.actor_id IS NULL THEN format('%s: no actor named ''%s''; add an actor record for it before this record, or correct the name', \(field)::text, r.ref)
                ELSE format('%s: ''%s'' is a %s, but a %s is needed here', \(field)::text, r.ref, r.kind, \(kindNames)::text) END
            FROM \(unescaped: table.rawValue) t JOIN stg_ref r ON r.ref = t.\(unescaped: column)
            WHERE r.actor_id IS NULL OR NOT r.kind::text = ANY(\(wanted)::text[])
            """)
    }
}
