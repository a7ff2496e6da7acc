import LibPQClient
public import ChanceryModel

/// Correcting and removing recorded sources.
extension SourceService {
    /// Corrects the source `input` names (number, URL or title) and returns it as it now is; with
    /// `expected`, only while it is at that revision. Values are checked as when a source is
    /// first cited. The letters citing it get new revisions when what they show of it changes.
    /// Nothing is written when any change is refused.
    public func edit(_ name: SourceName, ifRevision expected: Int? = nil, _ changes: SourceChanges) async throws -> SourceRecord {
        let (title, publisher, excerpt, url, retrieved, published) = try Self.checked(changes)
        return try await database.write { connection in
            let id = try await SourceLookup(connection: connection).id(of: name, field: "source")
            let stored = try await connection.query(
                "SELECT revision, title, url FROM source WHERE id = \(id) FOR NO KEY UPDATE").rows[0]
            let revision: Int = try stored.decode("revision")
            if let expected, expected != revision {
                throw ChanceryError(.stale, "source \(id) is at revision \(revision), not \(expected)", field: "revision",
                                    hint: "Read the source again for its current revision, and retry with it.")
            }
            let storedTitle: String = try stored.decode("title"), storedURL: String? = try stored.decode("url")
            let newTitle = title ?? storedTitle
            let newURL: String? = switch url {
            case .keep: storedURL
            case .clear: nil
            case .set(let value): value
            }
            try await checkIdentity(of: id, from: (storedTitle, storedURL), to: (newTitle, newURL), on: connection)

            var columns = ColumnAssignments()
            if let kind = changes.kind { columns.set("kind", kind.rawValue, cast: "::text::source_kind") }
            if let title { columns.set("title", title) }
            columns.set("url", url)
            columns.set("publisher", publisher)
            columns.setDate("published", published)
            switch retrieved {
            case .keep: break
            case .clear: columns.set("retrieved_on", String?.none, cast: "::date")
            case .set(let day): columns.set("retrieved_on", day, cast: "::date")
            }
            columns.set("excerpt", excerpt)
            try await columns.update("source", id: id, on: connection)
            return try await read(id, on: connection)
        }
    }

    /// Refuses changes that no source could take (an empty one, a value too long or malformed),
    /// without reading the register: an interface can refuse them before weighing anything else.
    public static func check(_ changes: SourceChanges) throws {
        _ = try checked(changes)
    }

    /// The changes checked and trimmed, as ``edit(_:ifRevision:_:)`` writes them.
    private static func checked(_ changes: SourceChanges) throws -> (title: String?, publisher: FieldPatch<String>, excerpt: FieldPatch<String>,
                                                                    url: FieldPatch<String>, retrieved: FieldPatch<String>,
                                                                    published: FieldPatch<UncertainDate>) {
        guard !changes.isEmpty else {
            throw ChanceryError(.invalidInput, "nothing to change", hint: "Give at least one field with its new value.")
        }
        let title = try changes.title.map { try InputValidation.required($0, field: "title", maxLength: 500) }
        let publisher = try ColumnAssignments.text(changes.publisher) { try InputValidation.optional($0, field: "publisher", maxLength: 200) }
        let excerpt = try ColumnAssignments.text(changes.excerpt) { try InputValidation.optional($0, field: "excerpt", maxLength: 20000) }
        let url = try ColumnAssignments.text(changes.url) { text in
            let url = try InputValidation.optional(text, field: "url", maxLength: 2000)
            if let url { try SourceRecorder.checkURL(url, field: "url") }
            return url
        }
        let retrieved = try ColumnAssignments.text(changes.retrieved) { text in
            let day = InputValidation.trimmed(text)
            return day.isEmpty ? nil : try SourceRecorder.checkedDay(day, field: "retrieved")
        }
        return (title, publisher, excerpt, url, retrieved, try ColumnAssignments.date(changes.published, field: "published"))
    }

    /// The same, by a name typed (number, URL or title).
    public func edit(_ input: String, ifRevision expected: Int? = nil, _ changes: SourceChanges) async throws -> SourceRecord {
        try await edit(.typed(input), ifRevision: expected, changes)
    }

    /// The same, by a name typed (number, URL or title).
    public func delete(_ input: String, ifRevision expected: Int? = nil) async throws {
        try await delete(.typed(input), ifRevision: expected)
    }

    /// Removes a source nothing rests on: no record cites it and no letter was imported from it.
    public func delete(_ name: SourceName, ifRevision expected: Int? = nil) async throws {
        try await database.write { connection in
            let id = try await SourceLookup(connection: connection).id(of: name, field: "source")
            let row = try await connection.query(
                """
                SELECT s.revision,
                       (SELECT count(*) FROM citation c LEFT JOIN letter l ON l.id = c.letter_id
                        WHERE c.source_id = s.id AND l.deleted_at IS NULL) AS citations,
                       (SELECT array_agg(l.ref ORDER BY l.ref) FROM citation c JOIN letter l ON l.id = c.letter_id
                        WHERE c.source_id = s.id AND l.deleted_at IS NOT NULL) AS deleted_citing,
                       (SELECT count(*) FROM letter l WHERE l.provenance_id = s.id) AS letters
                FROM source s WHERE s.id = \(id) FOR UPDATE
                """).rows[0]
            let revision: Int = try row.decode("revision")
            if let expected, expected != revision {
                throw ChanceryError(.stale, "source \(id) is at revision \(revision), not \(expected)", field: "revision",
                                    hint: "Read the source again for its current revision, and retry with it.")
            }
            let citations: Int64 = try row.decode("citations"), letters: Int64 = try row.decode("letters")
            let deletedCiting: [String] = try row.decode("deleted_citing", as: [String]?.self) ?? []
            guard citations == 0, letters == 0, deletedCiting.isEmpty else {
                let what = [citations > 0 ? "\(citations) \(citations == 1 ? "citation" : "citations")" : nil,
                            deletedCiting.isEmpty ? nil
                                : "cited by deleted \(deletedCiting.count == 1 ? "letter" : "letters") " + deletedCiting.prefix(5).joined(separator: ", ")
                                    + (deletedCiting.count > 5 ? " and \(deletedCiting.count - 5) more" : ""),
                            letters > 0 ? "\(letters) imported \(letters == 1 ? "letter" : "letters")" : nil].compactMap { $0 }
                throw ChanceryError(.conflict, "source \(id) is still in use (\(what.joined(separator: "; ")))", field: "source",
                                    hint: "Remove it from the records citing it first. A deleted letter keeps its citations, to be restored whole, "
                                        + "and a source letters were imported from stays while they do, deleted ones included.")
            }
            try await connection.execute("DELETE FROM source WHERE id = \(id)")
        }
    }

    /// Refuses a change of URL or title that would make this source another's double, or lose the
    /// letters imported from it: a re-import finds an edition's letters by its URL (or, without
    /// one, its title), and would add them again under the old one.
    private func checkIdentity(of id: Int64, from old: (title: String, url: String?), to new: (title: String, url: String?),
                               on connection: PostgresConnection) async throws {
        let oldKey = old.url ?? old.title, newKey = new.url ?? new.title
        let field = new.url != nil || old.url != nil ? "url" : "title"
        if (old.url == nil) != (new.url == nil) || oldKey != newKey {
            let imported: Int64 = try await connection.query(
                "SELECT count(*) AS n FROM letter WHERE provenance_id = \(id)").rows[0].decode("n")
            if imported > 0 {
                let by = old.url.map { "its URL '\($0)'" } ?? "its title"
                throw ChanceryError(.conflict, "\(imported) \(imported == 1 ? "letter was" : "letters were") imported from source \(id), and a re-import finds them by \(by)",
                                    field: field,
                                    hint: "Keep the \(old.url == nil ? "title (and give no URL)" : "URL") so that importing the edition again updates its letters instead of adding them a second time.")
            }
        }
        if let url = new.url, url != old.url,
           let other = try await connection.query("SELECT id, title FROM source WHERE url = \(url) AND id <> \(id)").rows.first {
            throw ChanceryError(.conflict, "source \(try other.decode("id", as: Int64.self)) ('\(try other.decode("title", as: String.self))') has the URL '\(url)'",
                                field: "url", hint: "A URL is one source: correct that one, or give this one another URL.")
        }
        if new.url == nil, new.title != old.title || old.url != nil,
           let other = try await connection.query("SELECT id FROM source WHERE url IS NULL AND title = \(new.title) AND id <> \(id)").rows.first {
            throw ChanceryError(.conflict, "source \(try other.decode("id", as: Int64.self)) has the title '\(new.title)' and no URL", field: "title",
                                hint: "A source without a URL is known by its title: give this one its URL, or another title.")
        }
    }
}
