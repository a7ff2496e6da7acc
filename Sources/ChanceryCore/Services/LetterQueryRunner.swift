import EDTF
import Foundation
import LibPQClient
import ChanceryModel

/// Turns a LetterQuery into one SQL statement with bound parameters.
package struct LetterQueryRunner {
    let connection: PostgresConnection

    func run(_ query: LetterQuery) async throws -> [LetterSummary] {
        try Self.summaries(try await rows(query, columns: Self.summaryColumns, joins: LetterSQL.participantLists))
    }

    /// The rows `run` makes its summaries of (`summaryColumns`), for writers that take the
    /// cells as the database sent them (`LetterSummaryCells`).
    func summaryRows(_ query: LetterQuery) async throws -> [PostgresRow] {
        try await rows(query, columns: Self.summaryColumns, joins: LetterSQL.participantLists)
    }

    /// The letters as `run` selects them, each side's participants described for a reader.
    func runDescribed(_ query: LetterQuery) async throws -> [DescribedLetterSummary] {
        try await rows(query, columns: Self.describedColumns, joins: LetterSQL.describedParticipantLists).map(Self.described(from:))
    }

    /// The page's rows in listing order, whichever way the cursor turns.
    private func rows(_ query: LetterQuery, columns: PostgresQuery, joins: PostgresQuery) async throws -> [PostgresRow] {
        guard query.limit > 0 else {
            throw ChanceryError.invalid("limit", "limit must be at least 1", hint: "Ask for a page of 1 or more letters.")
        }
        guard query.offset >= 0 else {
            throw ChanceryError.invalid("offset", "offset cannot be negative", hint: "Skip 0 or more letters.")
        }
        var selection = try await selection(for: query, codesLookedUpInline: true)
        if let cursor = query.cursor { selection.boundary = try await boundary(cursor) }
        var rows = try await page(selection, query, columns: columns, joins: joins)
        if rows.isEmpty, try await !codesNameTheirStates(selection.codesLookedUpInline) {
            // A state named by two letters ("UK"), which the statement did not look for: the
            // page again, with every country looked up first.
            var checked = try await self.selection(for: query)
            checked.boundary = selection.boundary
            rows = try await page(checked, query, columns: columns, joins: joins)
        }
        return selection.boundary?.forward == false ? rows.reversed() : rows
    }

    /// Whether each code a statement looked up inline is a country's ISO code, which makes an
    /// empty page a true answer. Throws the lookup's error for one that names no country.
    private func codesNameTheirStates(_ codes: [(code: String, input: String, field: String)]) async throws -> Bool {
        let countries = CountryLookup(connection: connection)
        for (code, input, field) in codes where try await countries.state(input, field: field).code != code {
            return false
        }
        return true
    }

    private func page(_ selection: LetterSelection, _ query: LetterQuery, columns: PostgresQuery, joins: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(selection.pageQuery(columns: columns, joins: joins, limit: query.limit, offset: query.offset)).rows
    }

    /// The place of the cursor's letter in the listing's order. A deleted letter keeps its place,
    /// so a page bookmarked after it still turns.
    private func boundary(_ cursor: LetterCursor) async throws -> LetterSelection.Boundary {
        let (ref, forward, field) = switch cursor {
        case .after(let ref): (ref, true, "after")
        case .before(let ref): (ref, false, "before")
        }
        guard let row = try await connection.query(
            "SELECT sent_sort::text AS sort, sent_latest::text AS latest, created_at::text AS created, id FROM letter WHERE ref = \(ref)"
        ).rows.first else {
            throw ChanceryError.invalid(field, "no letter '\(ref)' to page from",
                                        hint: "Start again from the first page, or give the reference of a letter in the list.")
        }
        return LetterSelection.Boundary(sort: try row.decode("sort"), latest: try row.decode("latest"), created: try row.decode("created"),
                                        id: try row.decode("id"), forward: forward)
    }

    /// The columns `summaries(_:)` reads, over `letter l` joined with `LetterSQL.participantLists`.
    static let summaryColumns: PostgresQuery = "l.ref, l.kind::text AS kind, l.sent_edtf, l.subject,\n" + LetterSQL.participantListColumns

    /// The columns `described(from:)` reads, over `letter l` joined with
    /// `LetterSQL.describedParticipantLists`.
    static let describedColumns: PostgresQuery = "l.ref, l.sent_edtf, l.subject,\n" + LetterSQL.participantListColumns

    /// The letters a query selects; its limit and offset aside. With `codesLookedUpInline`, a
    /// country given by its ISO code is looked up by the statement itself (one round trip less),
    /// so an unknown code selects nothing instead of failing: the caller reads an empty page again
    /// without it.
    func selection(for query: LetterQuery, codesLookedUpInline: Bool = false) async throws -> LetterSelection {
        var selection = LetterSelection()
        var parties: [(id: PostgresQuery, sides: Int?)] = []
        let countries = CountryLookup(connection: connection)
        // Countries are matched through the state's actor: a letter involves a country when the
        // state itself or someone acting for it takes part.
        func state(_ input: String, field: String) async throws -> PostgresQuery {
            if codesLookedUpInline, let (code, id) = CountryLookup.stateIDQuery(code: input) {
                selection.codesLookedUpInline.append((code, input, field))
                return id
            }
            return "\(try await countries.state(input, field: field).stateID)"
        }
        if let input = query.country {
            parties.append((try await state(input, field: "country"), nil))
        }
        if let input = query.fromCountry {
            parties.append((try await state(input, field: "from-country"), Self.senderSide))
        }
        if let input = query.toCountry {
            parties.append((try await state(input, field: "to-country"), Self.recipientSide))
        }
        var pair: (low: PostgresQuery, high: PostgresQuery)?
        if let (first, second) = query.between {
            let a = try await countries.state(first, field: "between").stateID
            let b = try await countries.state(second, field: "between").stateID
            guard a != b else {
                throw ChanceryError.invalid("between", "'\(first)' and '\(second)' name the same country",
                                            hint: "Name two countries; for every letter of one, filter by country.")
            }
            pair = ("\(min(a, b))", "\(max(a, b))")
        }
        if let name = query.person {
            let actor = try await ActorResolver(connection: connection).resolve(name, field: "person", kinds: [.person])
            // A person has fewer letters than a state or organization: theirs drive the listing.
            parties.insert(("\(actor.id)", nil), at: 0)
        }
        var organizationWithMembers: PostgresQuery?
        if let name = query.organization {
            let actor = try await ActorResolver(connection: connection).resolve(name, field: "org", kinds: [.organization])
            if query.includeMemberStates {
                organizationWithMembers = "\(actor.id)"
            } else {
                parties.append(("\(actor.id)", nil))
            }
        } else if query.includeMemberStates {
            throw ChanceryError.invalid("members", "member states go with an organization", hint: "Name the organization whose member states are meant.")
        }
        // A pair of countries is the most selective listing; then the first party.
        if let pair {
            selection.driver = .pair(low: pair.low, high: pair.high)
        } else if parties.isEmpty, let organization = organizationWithMembers {
            selection.driver = .organizationWithMembers(id: organization)
            organizationWithMembers = nil
        } else if !parties.isEmpty {
            let first = parties.removeFirst()
            selection.driver = .party(id: first.id, sides: first.sides)
        }
        for party in parties { selection.requireParty(id: party.id, sides: party.sides) }
        if let organization = organizationWithMembers { selection.requireOrganizationWithMembers(id: organization) }

        try DateWindow(since: query.since, until: query.until, strict: query.strict).bind(into: &selection)
        if let kind = query.kind {
            selection.filter.add("l.kind = \(kind.rawValue)::text::letter_kind")
        }
        if let event = query.event {
            let id = try await EventLookup(connection: connection).id(of: event, field: "event")
            selection.filter.add("l.id IN (" + LetterSQL.aboutEvent("\(id)") + ")")
        }
        if let source = query.source {
            let id = try await SourceLookup(connection: connection).id(of: source, field: "source")
            // The source's own letters drive the statement: an edition's imported ones and those
            // citing it, found through the indexes leading with the source, however few.
            selection.filter.add("l.id IN (SELECT c.letter_id FROM citation c WHERE c.source_id = \(id) AND c.letter_id IS NOT NULL"
                                 + " UNION ALL SELECT p.id FROM letter p WHERE p.provenance_id = \(id))")
        }
        if let ref = query.ref {
            selection.filter.add("l.ref = \(ref)")
        }
        if query.awaitingReply {
            selection.filter.add("l.awaiting_reply")
        }
        if let text = query.text {
            let search = try FullTextQuery(text, field: "text")
            selection.filter.add("l.search_document @@ " + (try await SearchService.widenedQuery(search.text, on: connection)))
        }
        return selection
    }

    /// The rows' letters, from `summaryColumns`, in the rows' order.
    static func summaries(_ rows: [PostgresRow]) throws -> [LetterSummary] {
        guard let first = rows.first else { return [] }
        let columns = try SummaryColumns(first)
        return try rows.map { try summary(from: $0, at: columns) }
    }

    /// Where `summaryColumns` sit in a result, found once for all its rows: a page looks up
    /// eight columns in each of 51 rows otherwise.
    struct SummaryColumns {
        let ref, kind, sent, subject, senders, recipients, copied, transmitters: Int

        init(_ row: PostgresRow) throws {
            ref = try row.index(of: "ref")
            kind = try row.index(of: "kind")
            sent = try row.index(of: "sent_edtf")
            subject = try row.index(of: "subject")
            senders = try row.index(of: "senders")
            recipients = try row.index(of: "recipients")
            copied = try row.index(of: "copied")
            transmitters = try row.index(of: "transmitters")
        }
    }

    private static func summary(from row: PostgresRow, at columns: SummaryColumns) throws -> LetterSummary {
        LetterSummary(
            ref: try row.decode(column: columns.ref), kind: LetterKind(rawValue: try row.decode(column: columns.kind)) ?? .other,
            date: UncertainDate.stored(try row.decode(column: columns.sent))!, subject: try row.decode(column: columns.subject),
            from: try row.decode(column: columns.senders), to: try row.decode(column: columns.recipients),
            cc: try row.decode(column: columns.copied), via: try row.decode(column: columns.transmitters))
    }

    static func described(from row: PostgresRow) throws -> DescribedLetterSummary {
        DescribedLetterSummary(
            ref: try row.decode("ref"), date: UncertainDate.stored(try row.decode("sent_edtf"))!, subject: try row.decode("subject"),
            senders: try row.decode("senders"), recipients: try row.decode("recipients"), copied: try row.decode("copied"),
            transmitters: try row.decode("transmitters"))
    }

    /// `letter_by_party.sides` bits: sender side (authors, signatories), recipient side
    /// (recipients, copies).
    static let senderSide = 1
    static let recipientSide = 2
}
