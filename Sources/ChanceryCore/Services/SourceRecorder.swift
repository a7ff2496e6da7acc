import Foundation
import LibPQClient
import ChanceryModel
import EDTF

/// Records sources (once: by URL, or by title when there is none) and cites them for records.
struct SourceRecorder {
    let connection: PostgresConnection

    /// The record a citation supports.
    enum Subject {
        case letter(Int64), invitation(Int64), event(Int64), actor(Int64), role(Int64)
    }

    func cite(_ draft: SourceDraft, for subject: Subject) async throws {
        let sourceID = try await record(draft)
        let quote = try InputValidation.optional(draft.quote, field: "source-quote", maxLength: 5000)
        var ids: [Int64?] = [nil, nil, nil, nil, nil]
        switch subject {
        case .letter(let id): ids[0] = id
        case .invitation(let id): ids[1] = id
        case .event(let id): ids[2] = id
        case .actor(let id): ids[3] = id
        case .role(let id): ids[4] = id
        }
        try await connection.execute(
            """
            INSERT INTO citation (source_id, letter_id, invitation_id, event_id, actor_id, role_id, quote)
            VALUES (\(sourceID), \(ids[0]), \(ids[1]), \(ids[2]), \(ids[3]), \(ids[4]), \(quote))
            ON CONFLICT ON CONSTRAINT citation_unique DO NOTHING
            """)
    }

    /// A source's fields, checked and trimmed.
    struct ValidatedSource {
        var title: String
        var publisher: String?
        var excerpt: String?
        var url: String?
        var published: UncertainDate?
        /// The day it was read, `YYYY-MM-DD`.
        var retrieved: String?
    }

    /// Checks a source without writing anything, so a use case can refuse it before its first row.
    package static func validated(_ draft: SourceDraft) throws -> ValidatedSource {
        let title = try InputValidation.required(draft.title, field: "source-title", maxLength: 500)
        let publisher = try InputValidation.optional(draft.publisher, field: "source-publisher", maxLength: 200)
        let excerpt = try InputValidation.optional(draft.excerpt, field: "source-excerpt", maxLength: 20000)
        let url = try InputValidation.optional(draft.url, field: "source-url", maxLength: 2000)
        _ = try InputValidation.optional(draft.quote, field: "source-quote", maxLength: 5000)
        if let url { try checkURL(url, field: "source-url") }
        let published = try draft.published.flatMap { $0.isEmpty ? nil : try UncertainDate(parsing: $0, field: "source-date") }
        let retrieved = try draft.retrieved.map(InputValidation.trimmed).flatMap { $0.isEmpty ? nil : try checkedDay($0, field: "source-retrieved") }
        return ValidatedSource(title: title, publisher: publisher, excerpt: excerpt, url: url, published: published, retrieved: retrieved)
    }

    /// Refuses an address other than http(s) with a host.
    static func checkURL(_ url: String, field: String) throws {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil,
              !url.contains(where: \.isWhitespace)
        else {
            throw ChanceryError.invalid(field, "invalid source URL '\(url)'", hint: "Give an http:// or https:// address.")
        }
    }

    /// The day a source was read, `YYYY-MM-DD`, or a refusal of anything else.
    static func checkedDay(_ text: String, field: String) throws -> String {
        let day = try? UncertainDate(parsing: text, field: field)
        guard let day, day.precision == .day, !day.value.isInterval, !day.value.isUncertain, !day.value.isApproximate else {
            throw ChanceryError.invalid(field, "'\(text)' is not a day", hint: "Give the day it was read as YYYY-MM-DD.")
        }
        // A day someone read a source is of the common era (the database's dates begin at 1 AD).
        guard let year = day.earliest?.year, year >= 1 else {
            throw ChanceryError.invalid(field, "'\(text)' is before the common era; no one read a source then",
                                        hint: "Give the day it was read as YYYY-MM-DD.")
        }
        return text
    }

    /// The id of the source, recording it first if it is new. A recorded source does not change
    /// when cited again (letters showing it keep their ETags): a citation giving a publisher,
    /// date of publication or excerpt other than the recorded one, or one the recorded source
    /// lacks, is refused, naming both, rather than the value being dropped without a word
    /// (imports keep the recorded source and warn instead: `SourceMerge`).
    package func record(_ draft: SourceDraft) async throws -> Int64 {
        let source = try Self.validated(draft)
        let (title, publisher, excerpt, url, published) = (source.title, source.publisher, source.excerpt, source.url, source.published)
        let existing = try await connection.query(
            """
            SELECT id, publisher, excerpt, published_edtf FROM source
            WHERE (\(url)::text IS NOT NULL AND url = \(url)) OR (\(url)::text IS NULL AND url IS NULL AND title = \(title))
            """).rows
        if let row = existing.first {
            try Self.refuseDifferences(title: title, given: [("publisher", publisher), ("date", published?.edtf), ("excerpt", excerpt)],
                                       recorded: [try row.decode("publisher"), try row.decode("published_edtf"), try row.decode("excerpt")])
            return try row.decode("id")
        }
        return try await connection.query(
            """
            INSERT INTO source (kind, title, publisher, url, published_edtf, published_earliest, published_latest,
                                published_precision, excerpt, retrieved_on)
            VALUES (\(draft.kind.rawValue)::text::source_kind, \(title), \(publisher), \(url), \(UncertainDate.values(published)),
                    \(excerpt), coalesce(\(source.retrieved)::text::date, current_date))
            RETURNING id
            """
        ).rows[0].decode("id")
    }

    /// Refuses a citation whose given fields differ from the recorded source's (a field not
    /// given is no difference).
    private static func refuseDifferences(title: String, given: [(field: String, value: String?)], recorded: [String?]) throws {
        func shown(_ text: String) -> String { text.count > 60 ? text.prefix(60) + "…" : text }
        for ((field, value), kept) in zip(given, recorded) {
            guard let value, value != kept else { continue }
            let message = kept.map { "source '\(shown(title))' is recorded with the \(field) '\(shown($0))', not '\(shown(value))'" }
                ?? "source '\(shown(title))' is recorded without \(field == "excerpt" ? "an" : "a") \(field); this citation gives '\(shown(value))'"
            throw ChanceryError(.conflict, message, field: "source-" + field,
                                hint: field == "excerpt"
                                    ? "A source has one excerpt: give the passage that supports this record as its quote, or leave the excerpt out."
                                    : "Leave the \(field) out to cite the source as recorded (citing it does not change it), or give the other under a title or URL of its own.")
        }
    }

    /// The sources cited for a record, with their quotes.
    func sources(citedFor column: String, id: Int64) async throws -> [CitedSource] {
        try Self.citedSources(try await connection.query(Self.citations(for: column, id: id)))
    }

    /// The statement reading the sources cited for a record, for callers that run it with others.
    static func citations(for column: String, id: Int64) -> PostgresQuery {
        citations(for: column, of: "\(id)")
    }

    /// The same, for the record whose id `record` gives (a bound id, or a subquery finding it).
    static func citations(for column: String, of record: PostgresQuery) -> PostgresQuery {
        // `column` is one of a fixed set named by the callers, never user input. Named in the
        // text rather than chosen by a bound CASE: PostgreSQL planned that afresh for every
        // letter's detail (a generic plan could use none of the three indexes).
        precondition(["letter_id", "invitation_id", "event_id"].contains(column))
        return """
            SELECT s.id, s.kind::text AS kind, s.title, s.publisher, s.url, s.published_edtf, c.quote
            FROM citation c JOIN source s ON s.id = c.source_id
            WHERE c.\(unescaped: column) = \(record)
            ORDER BY s.title
            """
    }

    /// The rows of `citations(for:id:)`.
    static func citedSources(_ result: PostgresQueryResult) throws -> [CitedSource] {
        try result.rows.map { row in
            CitedSource(id: try row.decode("id"), kind: SourceKind(rawValue: try row.decode("kind")) ?? .other, title: try row.decode("title"),
                        publisher: try row.decode("publisher"), url: try row.decode("url"),
                        published: UncertainDate.stored(try row.decode("published_edtf")), quote: try row.decode("quote"))
        }
    }
}
