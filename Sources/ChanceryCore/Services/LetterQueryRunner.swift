import EDTF
import Foundation
import LibPQClient

/// Turns a LetterQuery into one SQL statement with bound parameters.
struct LetterQueryRunner {
    let connection: PostgresConnection

    func run(_ query: LetterQuery) async throws -> [LetterSummary] {
        var filter = try await filter(for: query)
        guard query.limit > 0 else {
            throw ChanceryError.invalid("limit", "limit must be at least 1")
        }
        let limit = filter.bind(query.limit)
        let sql = "SELECT l.ref, l.kind::text AS kind, l.sent_edtf, l.subject,\n"
            + Self.names(roles: "'author','signatory'") + " AS senders,\n"
            + Self.names(roles: "'recipient'") + " AS recipients,\n"
            + Self.names(roles: "'cc'") + " AS copied,\n"
            + Self.names(roles: "'transmitter'") + " AS transmitters\n"
            + "FROM letter l\n" + filter.whereClause
            + "\nORDER BY l.sent_earliest, l.sent_latest, l.created_at, l.id\nLIMIT " + limit
        return try await connection.query(sql, filter.parameters).rows.map(Self.summary(from:))
    }

    /// The WHERE clause (over `letter l`) selecting the letters a query asks for; its limit aside.
    func filter(for query: LetterQuery) async throws -> SQLFilter {
        var filter = SQLFilter()
        let countries = CountryLookup(connection: connection)
        // Countries are matched through the state's actor id, so the participant indexes on
        // actor_id and represents_id serve the query.
        if let code = try await countries.code(query.country, field: "country") {
            filter.add(Self.party(try await state(code, in: &filter), roles: nil))
        }
        if let code = try await countries.code(query.fromCountry, field: "from-country") {
            filter.add(Self.party(try await state(code, in: &filter), roles: Self.senderRoles))
        }
        if let code = try await countries.code(query.toCountry, field: "to-country") {
            filter.add(Self.party(try await state(code, in: &filter), roles: Self.recipientRoles))
        }
        if let (first, second) = query.between {
            let a = try await state(try await countries.code(first, field: "between")!, in: &filter)
            let b = try await state(try await countries.code(second, field: "between")!, in: &filter)
            filter.add("(" + Self.party(a, roles: Self.senderRoles) + " AND " + Self.party(b, roles: Self.recipientRoles) + ") OR ("
                       + Self.party(b, roles: Self.senderRoles) + " AND " + Self.party(a, roles: Self.recipientRoles) + ")")
        }
        if let person = query.person {
            let actor = try await ActorResolver(connection: connection).resolve(person, field: "person", kinds: [.person])
            filter.add("EXISTS (SELECT 1 FROM letter_participant p WHERE p.letter_id = l.id AND p.actor_id = " + filter.bind(actor.id) + ")")
        }
        if let organization = query.organization {
            let actor = try await ActorResolver(connection: connection).resolve(organization, field: "org", kinds: [.organization])
            let id = filter.bind(actor.id)
            filter.add("EXISTS (SELECT 1 FROM letter_participant p WHERE p.letter_id = l.id AND (p.actor_id = " + id
                       + " OR p.represents_id = " + id + "))")
        }
        let since = try query.since.map { try UncertainDate(parsing: $0, field: "since") }
        let until = try query.until.map { try UncertainDate(parsing: $0, field: "until") }
        if let since, let until, let from = since.earliest, let to = until.latest, from > to {
            throw ChanceryError.invalid("until", "the window ends (\(until.edtf)) before it starts (\(since.edtf))",
                                        hint: "Swap --since and --until.")
        }
        if let from = since?.earliest {
            filter.add((query.strict ? "l.sent_earliest >= " : "l.sent_latest >= ") + filter.bind(PostgresDate(from)))
        }
        if let to = until?.latest {
            filter.add((query.strict ? "l.sent_latest <= " : "l.sent_earliest <= ") + filter.bind(PostgresDate(to)))
        }
        if let kind = query.kind {
            filter.add("l.kind = " + filter.bind(kind.rawValue) + "::text::letter_kind")
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = filter.bind("%" + Self.escapeLike(text) + "%")
            filter.add("l.subject ILIKE " + pattern + " OR l.summary ILIKE " + pattern + " OR l.body ILIKE " + pattern)
        }
        return filter
    }

    static func summary(from row: PostgresRow) throws -> LetterSummary {
        LetterSummary(
            ref: try row.decode("ref"), kind: LetterKind(rawValue: try row.decode("kind")) ?? .other,
            date: UncertainDate.stored(try row.decode("sent_edtf"))!, subject: try row.decode("subject"),
            from: try row.decode("senders"), to: try row.decode("recipients"), cc: try row.decode("copied"),
            via: try row.decode("transmitters"))
    }

    /// Names of the participants in `roles`, in order; `roles` is a fixed list from this file.
    static func names(roles: String) -> String {
        "coalesce((SELECT array_agg(a.name ORDER BY p.role, p.position) FROM letter_participant p JOIN actor a ON a.id = p.actor_id "
            + "WHERE p.letter_id = l.id AND p.role IN (" + roles + ")), '{}')"
    }

    static let senderRoles = "'author','signatory'"
    static let recipientRoles = "'recipient','cc'"

    /// A letter with a participant that is the state `placeholder` names or acts for it, in one
    /// of `roles` (a fixed list from this file) or in any role.
    private static func party(_ placeholder: String, roles: String?) -> String {
        "EXISTS (SELECT 1 FROM letter_participant p WHERE p.letter_id = l.id AND (p.actor_id = " + placeholder
            + " OR p.represents_id = " + placeholder + ")" + (roles.map { " AND p.role IN (" + $0 + ")" } ?? "") + ")"
    }

    /// Binds the id of the state with ISO code `code`; -1 (no actor) when none is recorded, so the
    /// filter matches nothing rather than failing.
    private func state(_ code: String, in filter: inout SQLFilter) async throws -> String {
        let rows = try await connection.query("SELECT id FROM actor WHERE iso_code = $1", [code]).rows
        return filter.bind(try rows.first?.decode("id", as: Int64.self) ?? -1)
    }

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
