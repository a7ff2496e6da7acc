import Foundation
import LibPQClient
import ChanceryModel
import ChanceryInterchange

/// Reads the records to export, in the order an import needs them: actors, memberships, roles,
/// events, letters, invitations, responses. Actors are named by their name, or by a `key` for
/// namesakes ("John Smith #2"), so an export imports into any database.
struct DatasetExportReader {
    let connection: PostgresConnection
    private let batchSize = 2000

    /// Chooses what to export: everything, or the letters `query` selects and what they refer to.
    /// Deleted letters are never exported, nor followed as link targets: an export holds the
    /// register as it now reads (the history table keeps the rest).
    func select(_ query: LetterQuery?) async throws {
        if let query {
            let selection = try await LetterQueryRunner(connection: connection).selection(for: query)
            // The letters a selection answers, encloses, forwards or mentions come along (and theirs in
            // turn), so the export imports on its own.
            try await connection.execute(
                "CREATE TEMP TABLE export_letter ON COMMIT DROP AS WITH RECURSIVE selected(id) AS (SELECT l.id FROM letter l "
                    + "\(selection.whereClause)"
                    + " UNION SELECT k.target_id FROM letter_link k JOIN selected s ON s.id = k.letter_id"
                    + " JOIN letter t ON t.id = k.target_id AND t.deleted_at IS NULL) SELECT id FROM selected")
            try await connection.executeScript(
                """
                CREATE TEMP TABLE export_invitation ON COMMIT DROP AS
                SELECT id FROM invitation WHERE letter_id IN (SELECT id FROM export_letter);
                CREATE TEMP TABLE export_event ON COMMIT DROP AS
                SELECT event_id AS id FROM letter_event WHERE letter_id IN (SELECT id FROM export_letter)
                UNION SELECT event_id FROM invitation WHERE id IN (SELECT id FROM export_invitation) AND event_id IS NOT NULL;
                CREATE TEMP TABLE export_actor_id ON COMMIT DROP AS
                SELECT actor_id AS id FROM letter_participant WHERE letter_id IN (SELECT id FROM export_letter)
                UNION SELECT represents_id FROM letter_participant WHERE letter_id IN (SELECT id FROM export_letter)
                UNION SELECT inviter_id FROM invitation WHERE id IN (SELECT id FROM export_invitation)
                UNION SELECT inviter_represents_id FROM invitation WHERE id IN (SELECT id FROM export_invitation)
                UNION SELECT invitee_id FROM invitation_invitee WHERE invitation_id IN (SELECT id FROM export_invitation)
                UNION SELECT host_id FROM event WHERE id IN (SELECT id FROM export_event)
                UNION SELECT actor_id FROM event_participant WHERE event_id IN (SELECT id FROM export_event);
                INSERT INTO export_actor_id
                SELECT of_id FROM role_held WHERE holder_id IN (SELECT id FROM export_actor_id)
                UNION SELECT organization_id FROM membership WHERE member_id IN (SELECT id FROM export_actor_id);
                """)
        } else {
            try await connection.executeScript(
                """
                CREATE TEMP TABLE export_letter ON COMMIT DROP AS SELECT id FROM letter WHERE deleted_at IS NULL;
                CREATE TEMP TABLE export_invitation ON COMMIT DROP AS SELECT id FROM invitation;
                CREATE TEMP TABLE export_event ON COMMIT DROP AS SELECT id FROM event;
                CREATE TEMP TABLE export_actor_id ON COMMIT DROP AS SELECT id FROM actor;
                """)
        }
        try await connection.executeScript(
            """
            CREATE TEMP TABLE export_actor ON COMMIT DROP AS
            SELECT a.id, CASE WHEN rank = 1 THEN a.name ELSE a.name || ' #' || rank END AS key, rank
            FROM (SELECT a.*, row_number() OVER (PARTITION BY lower(a.name) ORDER BY a.id) AS rank
                  FROM actor a WHERE a.id IN (SELECT id FROM export_actor_id)) a;
            CREATE UNIQUE INDEX ON export_actor (id);
            ANALYZE export_letter; ANALYZE export_actor;
            """)
    }

    /// The editions the selected letters were imported from (each letter that has a number in
    /// one), in the order they were recorded.
    func editions() async throws -> [SourceDraft] {
        try await connection.query(
            """
            SELECT s.kind::text AS kind, s.title, s.url FROM source s
            WHERE EXISTS (SELECT FROM letter l JOIN export_letter e ON e.id = l.id
                          WHERE l.provenance_id = s.id AND l.external_key IS NOT NULL)
            ORDER BY s.id
            """).rows.map { row in
            SourceDraft(kind: SourceKind(rawValue: try row.decode("kind")) ?? .other, title: try row.decode("title"),
                        url: try row.decode("url"))
        }
    }

    /// Hands every selected record to `body` in dependency order; returns the letters written.
    func records(_ body: (DatasetRecord) throws -> Void) async throws -> Int {
        for row in try await connection.query(
            """
            SELECT x.key, x.rank, a.kind::text AS kind, a.name, a.iso_code, a.wikidata_id, a.viaf_id, a.gnd_id, a.note,
                   coalesce((SELECT array_agg(alias ORDER BY alias) FROM actor_alias WHERE actor_id = a.id), '{}') AS aliases,
                   -- Written only where the name would not decide it so: an import decides the rest alike.
                   CASE WHEN a.unidentified IS DISTINCT FROM unidentified_by_name(a.kind, a.name, a.wikidata_id, a.viaf_id, a.gnd_id)
                        THEN a.unidentified END AS unidentified
            FROM export_actor x JOIN actor a ON a.id = x.id ORDER BY a.id
            """).rows {
            let draft = ActorDraft(kind: ActorKind(rawValue: try row.decode("kind")) ?? .person, name: try row.decode("name"),
                                   aliases: try row.decode("aliases"), isoCode: try row.decode("iso_code"),
                                   wikidataId: try row.decode("wikidata_id"), viafId: try row.decode("viaf_id"),
                                   gndId: try row.decode("gnd_id"), note: try row.decode("note"),
                                   unidentified: try row.decode("unidentified"))
            try body(.actor(draft, key: try row.decode("rank", as: Int64.self) > 1 ? try row.decode("key") : nil))
        }
        for row in try await connection.query(
            """
            SELECT m.key AS member, o.key AS organization, s.period_edtf FROM membership s
            JOIN export_actor m ON m.id = s.member_id JOIN export_actor o ON o.id = s.organization_id ORDER BY s.id
            """).rows {
            try body(.membership(member: try row.decode("member"), organization: try row.decode("organization"),
                                 period: try row.decode("period_edtf")))
        }
        for row in try await connection.query(
            """
            SELECT h.key AS holder, r.title, o.key AS of, r.period_edtf FROM role_held r
            JOIN export_actor h ON h.id = r.holder_id JOIN export_actor o ON o.id = r.of_id ORDER BY r.id
            """).rows {
            try body(.role(holder: try row.decode("holder"), title: try row.decode("title"), of: try row.decode("of"),
                           period: try row.decode("period_edtf")))
        }
        for row in try await connection.query(ExportQueries.events).rows { try body(.event(try ExportRows.event(row))) }
        var letters = 0
        try await connection.execute("DECLARE export_letters NO SCROLL CURSOR FOR \(ExportQueries.letters)")
        while true {
            // FETCH takes no parameters: the count is this type's constant.
            let rows = try await connection.query("FETCH \(unescaped: String(batchSize)) FROM export_letters").rows
            if rows.isEmpty { break }
            for row in rows { try body(.letter(try ExportRows.letter(row))) }
            letters += rows.count
        }
        try await connection.execute("CLOSE export_letters")
        for row in try await connection.query(ExportQueries.invitations).rows { try body(.invitation(try ExportRows.invitation(row))) }
        for row in try await connection.query(ExportQueries.responses).rows { try body(.response(try ExportRows.response(row))) }
        return letters
    }
}
