import LibPQClient
public import ChanceryModel

/// Finds, reads and corrects the sources records cite (news articles, statements, editions).
/// Sources are recorded when first cited (`SourceRecorder`) or imported (`SourceMerge`).
public struct SourceService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// Sources by title (letter case aside); `text` keeps those whose title, publisher or URL
    /// holds it, `kind` those of one kind.
    public func list(containing text: String? = nil, kind: SourceKind? = nil, limit: Int = 50, offset: Int = 0) async throws -> SourcePage {
        guard (1...500).contains(limit) else {
            throw ChanceryError.invalid("limit", "limit must be between 1 and 500, not \(limit)", hint: "Page through more with an offset.")
        }
        guard offset >= 0 else {
            throw ChanceryError.invalid("offset", "offset must be 0 or more, not \(offset)", hint: "The first page starts at 0.")
        }
        let words = try text.map { InputValidation.trimmed(try InputValidation.storable($0, field: "text")) }.flatMap { $0.isEmpty ? nil : $0 }
        let kindName = kind?.rawValue
        let matching: PostgresQuery = """
            (\(words)::text IS NULL OR strpos(lower(s.title), lower(\(words))) > 0
                OR strpos(lower(s.publisher), lower(\(words))) > 0 OR strpos(lower(s.url), lower(\(words))) > 0)
            AND (\(kindName)::text IS NULL OR s.kind = \(kindName)::text::source_kind)
            """
        return try await database.replicaRead { connection in
            let total: Int64 = try await connection.query("SELECT count(*) AS total FROM source s WHERE \(matching)").rows[0].decode("total")
            let rows = try await connection.query(
                """
                SELECT s.id, s.kind::text AS kind, s.title, s.publisher, s.url, s.published_edtf,
                       (SELECT count(*) FROM citation c LEFT JOIN letter l ON l.id = c.letter_id
                        WHERE c.source_id = s.id AND l.deleted_at IS NULL) AS citations,
                       (SELECT count(*) FROM letter l WHERE l.provenance_id = s.id AND l.deleted_at IS NULL) AS letters_imported
                FROM source s
                WHERE \(matching)
                ORDER BY lower(s.title), s.id
                LIMIT \(limit) OFFSET \(offset)
                """).rows
            let sources = try rows.map { row in
                SourceSummary(id: try row.decode("id"), kind: SourceKind(rawValue: try row.decode("kind")) ?? .other,
                              title: try row.decode("title"), publisher: try row.decode("publisher"), url: try row.decode("url"),
                              published: UncertainDate.stored(try row.decode("published_edtf")),
                              citations: Int(try row.decode("citations", as: Int64.self)),
                              lettersImported: Int(try row.decode("letters_imported", as: Int64.self)))
            }
            return SourcePage(sources: sources, total: Int(total))
        }
    }

    /// One source, by number, URL or title, with the records citing it.
    public func show(_ name: SourceName) async throws -> SourceRecord {
        try await database.replicaRead { connection in
            try await read(try await SourceLookup(connection: connection).id(of: name, field: "source"), on: connection)
        }
    }

    /// The same, by a name typed (number, URL or title).
    public func show(_ input: String) async throws -> SourceRecord { try await show(.typed(input)) }

    /// The title of the source a name typed (number, URL or title) names, without its citations:
    /// what a page filtered by the source calls it.
    public func title(of input: String) async throws -> String {
        try await database.read { connection in
            let id = try await SourceLookup(connection: connection).id(of: input, field: "source")
            return try await connection.query("SELECT title FROM source WHERE id = \(id)").rows[0].decode("title")
        }
    }

    func read(_ id: Int64, on connection: PostgresConnection) async throws -> SourceRecord {
        let row = try await connection.query(
            """
            SELECT s.revision, s.kind::text AS kind, s.title, s.publisher, s.url, s.published_edtf,
                   s.retrieved_on::text AS retrieved, s.excerpt,
                   (SELECT count(*) FROM letter l WHERE l.provenance_id = s.id AND l.deleted_at IS NULL) AS letters_imported
            FROM source s WHERE s.id = \(id)
            """).rows[0]
        // Letters first (by date), then invitations, events, actors and roles; a deleted letter's
        // citations stay with it, out of sight as the letter is.
        let citing = try await connection.query(
            """
            SELECT subject, ref, label, quote, count(*) OVER () AS total FROM (
                SELECT 'letter' AS subject, 1 AS rank, l.sent_sort AS day, l.ref, l.subject AS label, c.quote
                FROM citation c JOIN letter l ON l.id = c.letter_id WHERE c.source_id = \(id) AND l.deleted_at IS NULL
                UNION ALL
                SELECT 'invitation', 2, i.issued_earliest, i.ref, e.name, c.quote
                FROM citation c JOIN invitation i ON i.id = c.invitation_id LEFT JOIN event e ON e.id = i.event_id
                WHERE c.source_id = \(id)
                UNION ALL
                SELECT 'event', 3, e.period_earliest, e.ref, e.name, c.quote
                FROM citation c JOIN event e ON e.id = c.event_id WHERE c.source_id = \(id)
                UNION ALL
                SELECT 'actor', 4, NULL, a.name, NULL, c.quote
                FROM citation c JOIN actor a ON a.id = c.actor_id WHERE c.source_id = \(id)
                UNION ALL
                SELECT 'role', 5, r.period_earliest, a.name, r.title || ', ' || o.name, c.quote
                FROM citation c JOIN role_held r ON r.id = c.role_id JOIN actor a ON a.id = r.holder_id JOIN actor o ON o.id = r.of_id
                WHERE c.source_id = \(id)
            ) cited
            ORDER BY rank, day NULLS LAST, ref
            LIMIT \(SourceRecord.citationLimit)
            """).rows
        let citations = try citing.map { row in
            SourceCitation(subject: SourceCitation.Subject(rawValue: try row.decode("subject")) ?? .letter, ref: try row.decode("ref"),
                           label: try row.decode("label"), quote: try row.decode("quote"))
        }
        return SourceRecord(
            id: id, revision: try row.decode("revision"), kind: SourceKind(rawValue: try row.decode("kind")) ?? .other,
            title: try row.decode("title"), publisher: try row.decode("publisher"), url: try row.decode("url"),
            published: UncertainDate.stored(try row.decode("published_edtf")), retrieved: try row.decode("retrieved"),
            excerpt: try row.decode("excerpt"),
            citationCount: Int(try citing.first?.decode("total", as: Int64.self) ?? 0), citations: citations,
            lettersImported: Int(try row.decode("letters_imported", as: Int64.self)))
    }
}
