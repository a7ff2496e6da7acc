import Foundation
import LibPQClient
public import ChanceryModel
/// Logs letters and reads them back: the first of the three things users come for.
public struct LetterService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// Validates and records a letter with its participants, links and sources in one
    /// transaction; returns its reference.
    public func add(_ draft: LetterDraft) async throws -> String {
        try await database.write { connection in try await insert(draft, on: connection) }
    }

    /// Records a letter as `add` does and returns it as stored (at revision 1), read in the same
    /// transaction. With an idempotency key, a retry of the same request creates nothing and
    /// returns the first one's letter (`replayed`); the same key with another request is refused.
    public func create(_ draft: LetterDraft, once key: IdempotencyKey? = nil) async throws -> WriteOutcome<LetterDetail> {
        try await database.write(once: key) { connection in
            let id = try await insertLetter(draft, on: connection).id
            return try await LetterDetailReader(connection: connection).detail(of: id)
        }
    }

    /// A letter with its participants, links both ways, invitations and sources.
    public func show(_ ref: String) async throws -> LetterDetail {
        let exact = try InputValidation.storable(ref, field: "ref").trimmingCharacters(in: .whitespaces)
        return try await database.replicaRead { connection in
            let reader = LetterDetailReader(connection: connection)
            if let detail = try await reader.detail(ofCurrent: exact) { return detail }
            let id = try await LetterLookup(connection: connection).id(of: ref, field: "ref")
            return try await reader.detail(of: id)
        }
    }

    /// Letters matching the query, in date order.
    public func list(_ query: LetterQuery) async throws -> [LetterSummary] {
        try await database.replicaRead { connection in try await LetterQueryRunner(connection: connection).run(query) }
    }

    /// The API's page of the letters `list(query)` returns: `{"items":[…],"nextCursor":…}` as
    /// `LetterSummary.pageJSON` writes it for the first `pageSize` of them, with `nextCursor()`
    /// when there are more (the query should ask for one more than a page, which tells). Written
    /// from the rows as the database sent them, without building the summaries first: the
    /// API's busiest response.
    public func listPageJSON(_ query: LetterQuery, pageSize: Int, nextCursor: () -> String) async throws -> [UInt8] {
        let rows = try await database.replicaRead { connection in try await LetterQueryRunner(connection: connection).summaryRows(query) }
        return try LetterSummaryCells.pageJSON(rows, pageSize: pageSize, nextCursor: nextCursor)
    }

    /// Letters matching the query, in date order, with each participant's capacity and whom they
    /// acted for beside their name: what the register page shows, in the listing's one statement.
    public func listDescribed(_ query: LetterQuery) async throws -> [DescribedLetterSummary] {
        try await database.replicaRead { connection in try await LetterQueryRunner(connection: connection).runDescribed(query) }
    }

    // MARK: - Steps shared with the dataset loader

    func insert(_ draft: LetterDraft, on connection: PostgresConnection) async throws -> String {
        try await insertLetter(draft, on: connection).ref
    }

    /// Refuses a received date that ends before the sent date begins.
    static func checkReceived(_ received: UncertainDate?, notBefore sent: UncertainDate) throws {
        if let received, let receivedLatest = received.latest, let sentEarliest = sent.earliest, receivedLatest < sentEarliest {
            throw ChanceryError.invalid("received", "the letter is received (\(received.edtf)) before it was sent (\(sent.edtf))",
                                        hint: "Check the order of the dates sent and received.")
        }
    }

    func insertLetter(_ draft: LetterDraft, on connection: PostgresConnection) async throws -> (id: Int64, ref: String) {
        let sent = try UncertainDate(parsing: draft.date, field: "date")
        let received = try draft.received.flatMap { $0.isEmpty ? nil : try UncertainDate(parsing: $0, field: "received") }
        try Self.checkReceived(received, notBefore: sent)
        let subject = try InputValidation.required(draft.subject, field: "subject", maxLength: 300)
        let summary = try InputValidation.optional(draft.summary, field: "summary", maxLength: 5000)
        let body = try InputValidation.optional(draft.text, field: "text", maxLength: 1_000_000)
        let language = try InputValidation.languageTag(draft.language)
        let sentPlace = try InputValidation.optional(draft.sentPlace, field: LetterDraft.CodingKeys.sentPlace.stringValue, maxLength: 200)
        let receivedPlace = try InputValidation.optional(draft.receivedPlace, field: LetterDraft.CodingKeys.receivedPlace.stringValue, maxLength: 200)
        let dateAsWritten = try InputValidation.optional(draft.dateAsWritten, field: LetterDraft.CodingKeys.dateAsWritten.stringValue, maxLength: 500)
        let receivedAsWritten = try InputValidation.optional(draft.receivedAsWritten, field: LetterDraft.CodingKeys.receivedAsWritten.stringValue,
                                                             maxLength: 500)
        let requestedRef = try InputValidation.reference(draft.ref)
        for source in draft.sources { _ = try SourceRecorder.validated(source) }
        guard !draft.from.isEmpty else {
            throw ChanceryError.invalid("from", "a letter needs a sender", hint: "Name the actor who wrote or signed it.")
        }
        guard !draft.to.isEmpty else {
            throw ChanceryError.invalid("to", "a letter needs at least one recipient", hint: "Name the actor it is addressed to.")
        }

        let participants = ParticipantResolver(connection: connection)
        var resolved: [(ParticipantRole, [ResolvedParticipant])] = []
        for (role, drafts, field) in [(ParticipantRole.author, draft.from, "from"), (.recipient, draft.to, "to"),
                                      (.cc, draft.cc, "cc"), (.transmitter, draft.via, "via")] {
            var list: [ResolvedParticipant] = []
            for participant in drafts {
                let one = try await participants.resolve(participant, field: field, at: sent)
                if list.contains(where: { $0.actor.id == one.actor.id }) {
                    throw ChanceryError.invalid(field, "\(one.actor.name) is named twice as \(role.rawValue)",
                                                hint: "Name each actor once per role; aliases of one actor count as the same actor.")
                }
                list.append(one)
            }
            resolved.append((role, list))
        }

        let lookup = LetterLookup(connection: connection)
        var links: [(LetterLinkKind, Int64)] = []
        for (kind, refs, field) in [(LetterLinkKind.replyTo, draft.replyTo, "reply-to"), (.encloses, draft.encloses, "encloses"),
                                    (.forwards, draft.forwards, "forwards"), (.refersTo, draft.refersTo, "refers-to")] {
            for ref in refs { links.append((kind, try await lookup.id(of: ref, field: field))) }
        }

        var eventIDs: [Int64] = []
        for event in draft.events {
            let id = try await EventLookup(connection: connection).id(of: event, field: "event")
            if !eventIDs.contains(id) { eventIDs.append(id) }
        }

        let ref = try await ReferenceAllocator(connection: connection)
            .assign(requested: requestedRef, in: .letter, prefix: LetterLookup.referencePrefix(from: resolved[0].1[0], to: resolved[1].1[0], sent: sent))

        let letterID: Int64 = try await connection.query(
            """
            INSERT INTO letter (ref, kind, sent_edtf, sent_earliest, sent_latest, sent_precision,
                                received_edtf, received_earliest, received_latest, received_precision,
                                subject, summary, body, language, classification, sent_place, received_place, awaiting_reply,
                                sent_as_written, received_as_written)
            VALUES (\(ref), \(draft.kind.rawValue)::text::letter_kind, \(UncertainDate.values(sent)),
                    \(UncertainDate.values(received)),
                    \(subject), \(summary), \(body), \(language), \(draft.classification.rawValue)::text::classification_level,
                    \(sentPlace), \(receivedPlace), \(draft.awaitingReply), \(dateAsWritten), \(receivedAsWritten))
            RETURNING id
            """
        ).rows[0].decode("id")

        for (role, list) in resolved {
            for (index, participant) in list.enumerated() {
                try await connection.execute(
                    """
                    INSERT INTO letter_participant (letter_id, role, position, actor_id, capacity, represents_id, represents_kind,
                                                    name_as_written, name_supplied, name_uncertain)
                    VALUES (\(letterID), \(role.rawValue)::text::participant_role, \(index + 1), \(participant.actor.id),
                            \(participant.capacity), \(participant.represents?.id), \(participant.represents?.kind.rawValue)::text::actor_kind,
                            \(participant.nameAsWritten), \(participant.nameSupplied), \(participant.nameUncertain))
                    """)
            }
        }
        for (kind, targetID) in links {
            guard targetID != letterID else { continue }
            try await connection.execute(
                """
                INSERT INTO letter_link (letter_id, kind, target_id) VALUES (\(letterID), \(kind.rawValue)::text::letter_link_kind, \(targetID))
                ON CONFLICT DO NOTHING
                """)
        }
        for eventID in eventIDs {
            try await connection.execute("INSERT INTO letter_event (letter_id, event_id) VALUES (\(letterID), \(eventID))")
        }
        let sources = SourceRecorder(connection: connection)
        for source in draft.sources {
            try await sources.cite(source, for: .letter(letterID))
        }
        return (letterID, ref)
    }
}
