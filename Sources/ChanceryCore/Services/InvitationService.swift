import Foundation
package import LibPQClient
public import ChanceryModel
/// Records invitations, their invitees and the answers, and lists what is still open.
public struct InvitationService: Sendable {
    let database: ChanceryDatabase

    /// Creates the service over a database.
    public init(database: ChanceryDatabase) { self.database = database }

    /// Records an invitation with its invitees (all pending); returns its reference.
    public func add(_ draft: InvitationDraft) async throws -> String {
        try await database.write { connection in try await insert(draft, on: connection) }
    }

    /// Records an invitation and returns it as ``show(_:)`` would; at most once per idempotency
    /// key (a retry gets the first invitation back, `replayed`).
    public func create(_ draft: InvitationDraft, once key: IdempotencyKey? = nil) async throws -> WriteOutcome<Invitation> {
        try await database.write(once: key) { connection in
            let ref = try await insert(draft, on: connection)
            let id: Int64 = try await connection.query("SELECT id FROM invitation WHERE ref = \(ref)").rows[0].decode("id")
            return try await read(id, on: connection)
        }
    }

    /// Records an invitee's answer.
    public func respond(_ draft: ResponseDraft) async throws -> Invitation {
        try await answer(draft).invitation
    }

    /// ``respond(_:)``, saying whether anything changed (the answer recorded given again, with
    /// nothing new, changes nothing and adds no history).
    public func answer(_ draft: ResponseDraft) async throws -> (invitation: Invitation, changed: Bool) {
        try await database.write { connection in
            let recorded = try await record(draft, on: connection)
            return (try await read(recorded.invitationID, on: connection), recorded.changed)
        }
    }

    /// ``respond(_:)`` at most once per idempotency key. `once` has no default, so a call
    /// without it stays the plain ``respond(_:)``.
    public func respond(_ draft: ResponseDraft, once key: IdempotencyKey?) async throws -> WriteOutcome<Invitation> {
        try await database.write(once: key) { connection in
            let id = try await record(draft, on: connection).invitationID
            return try await read(id, on: connection)
        }
    }

    /// One invitation with its invitees' answers, by reference (ignoring case); `.notFound`
    /// (field `ref`) when there is none.
    public func show(_ ref: String) async throws -> Invitation {
        try await database.replicaRead { connection in
            try await read(try await invitationID(of: ref, field: "ref", on: connection), on: connection)
        }
    }

    /// The sources cited for an invitation, with their quotes, by title; `.notFound` (field `ref`)
    /// when there is no such invitation.
    public func sources(of ref: String) async throws -> [CitedSource] {
        try await database.replicaRead { connection in
            try await SourceRecorder(connection: connection).sources(citedFor: "invitation_id", id: try await invitationID(of: ref, field: "ref", on: connection))
        }
    }

    /// Every recorded change to an invitation and its invitees (their answers too), oldest first.
    public func history(of ref: String) async throws -> [HistoryEntry] {
        try await database.replicaRead { connection in
            try await RecordHistoryReader(connection: connection).invitation(try await invitationID(of: ref, field: "ref", on: connection))
        }
    }

    /// The id of the invitation `ref` names (ignoring case, an exact match first, should two
    /// references differ only in case); `.notFound` naming `field` when there is none. With
    /// `lockingForUpdate`, its row stays locked until the transaction ends.
    func invitationID(of ref: String, field: String, lockingForUpdate: Bool = false, on connection: PostgresConnection) async throws -> Int64 {
        let input = InputValidation.trimmed(try InputValidation.storable(ref, field: field))
        let lock: PostgresQuery = lockingForUpdate ? " FOR UPDATE" : ""
        let rows = try await connection.query(
            "SELECT id FROM invitation WHERE ref = \(input) OR lower(ref) = lower(\(input)) ORDER BY ref = \(input) DESC LIMIT 1\(lock)").rows
        guard let id: Int64 = try rows.first?.decode("id") else {
            throw ChanceryError(.notFound, "no invitation with ref '\(input)'", field: field,
                                hint: "Find the invitation's reference among the invitations.", next: [.listInvitations])
        }
        return id
    }

    /// The invitations a letter carries an answer to (some invitee's answer names it as its
    /// letter), by date; none when the letter answers none or is deleted.
    public func answered(byLetter ref: String) async throws -> [Invitation] {
        try await database.replicaRead { connection in
            let ids = try await connection.query(
                """
                SELECT i.id FROM invitation i
                WHERE i.id IN (SELECT v.invitation_id FROM invitation_invitee v JOIN letter l ON l.id = v.response_letter_id
                               WHERE l.ref = \(ref) AND l.deleted_at IS NULL)
                ORDER BY i.issued_earliest, i.issued_latest, i.id
                """).rows.map { try $0.decode("id", as: Int64.self) }
            return try await read(ids, on: connection)
        }
    }

    /// One page of ``list(pendingOnly:)`` and how many there are in all.
    public func page(pendingOnly: Bool = false, limit: Int = 50, offset: Int = 0) async throws -> (invitations: [Invitation], total: Int) {
        guard (1...500).contains(limit) else {
            throw ChanceryError.invalid("limit", "limit must be between 1 and 500, not \(limit)", hint: "Page through more with an offset.")
        }
        guard offset >= 0 else {
            throw ChanceryError.invalid("offset", "offset must be 0 or more, not \(offset)", hint: "The first page starts at 0.")
        }
        return try await database.replicaRead { connection in
            let total: Int64 = try await connection.query("SELECT count(*) AS total \(Self.listed(pendingOnly: pendingOnly))")
                .rows[0].decode("total")
            let ids = try await connection.query(
                "SELECT i.id \(Self.listed(pendingOnly: pendingOnly)) \(Self.listingOrder) LIMIT \(limit) OFFSET \(offset)")
                .rows.map { try $0.decode("id", as: Int64.self) }
            return (try await read(ids, on: connection), Int(total))
        }
    }

    /// Invitations by date; with `pendingOnly`, those some invitee has not answered.
    public func list(pendingOnly: Bool = false) async throws -> [Invitation] {
        try await database.replicaRead { connection in
            let ids = try await connection.query("SELECT i.id \(Self.listed(pendingOnly: pendingOnly)) \(Self.listingOrder)")
                .rows.map { try $0.decode("id", as: Int64.self) }
            return try await read(ids, on: connection)
        }
    }

    /// The invitations a listing shows, as `i`: all, or those some invitee has not answered.
    private static func listed(pendingOnly: Bool) -> PostgresQuery {
        """
        FROM invitation i
        WHERE NOT \(pendingOnly) OR EXISTS (SELECT 1 FROM invitation_invitee v WHERE v.invitation_id = i.id AND v.status = 'pending')
        """
    }

    /// By the date each was extended, then as recorded.
    private static let listingOrder: PostgresQuery = "ORDER BY i.issued_earliest, i.issued_latest, i.created_at, i.id"

    // MARK: - Steps shared with the dataset loader

    func insert(_ draft: InvitationDraft, on connection: PostgresConnection) async throws -> String {
        let summary = try InputValidation.optional(draft.summary, field: "summary", maxLength: 5000)
        for source in draft.sources { _ = try SourceRecorder.validated(source) }
        let letterID = try await draft.letter.asyncMap { try await LetterLookup(connection: connection).id(of: $0, field: "letter") }
        let issued: UncertainDate
        if let date = draft.date, !date.isEmpty {
            issued = try UncertainDate(parsing: date, field: "date")
        } else if let letterID {
            issued = try await letterDate(letterID, on: connection)
        } else {
            throw ChanceryError.invalid("date", "an invitation needs a date or the letter extending it",
                                        hint: "Give its date (EDTF) or the reference of the letter carrying it.")
        }
        let replyBy = try draft.replyBy.flatMap { $0.isEmpty ? nil : try UncertainDate(parsing: $0, field: "reply-by") }
        guard !draft.invitees.isEmpty else {
            throw ChanceryError.invalid("invitee", "an invitation needs at least one invitee", hint: "Name the actor invited.")
        }
        let resolver = ParticipantResolver(connection: connection)
        let inviter = try await resolver.resolve(draft.from, field: "from", at: issued)
        var invitees: [ResolvedParticipant] = []
        for name in draft.invitees {
            let invitee = try await resolver.resolve(ParticipantDraft(name: name), field: "invitee", at: issued)
            if invitees.contains(where: { $0.actor.id == invitee.actor.id }) {
                throw ChanceryError.invalid("invitee", "\(invitee.actor.name) is invited twice")
            }
            invitees.append(invitee)
        }
        let eventID = try await draft.event.asyncMap { try await EventLookup(connection: connection).id(of: $0, field: "event") }
        let country = inviter.actor.isoCode ?? inviter.represents?.isoCode ?? "XX"
        let ref = try await ReferenceAllocator(connection: connection)
            .assign(requested: draft.ref, in: .invitation, prefix: "INV-" + country + "-" + ReferenceAllocator.year(of: issued) + "-")
        let id: Int64 = try await connection.query(
            """
            INSERT INTO invitation (ref, inviter_id, inviter_capacity, inviter_represents_id, inviter_represents_kind,
                                    event_id, letter_id, issued_edtf, issued_earliest, issued_latest, issued_precision,
                                    reply_by, summary)
            VALUES (\(ref), \(inviter.actor.id), \(inviter.capacity), \(inviter.represents?.id),
                    \(inviter.represents?.kind.rawValue)::text::actor_kind, \(eventID), \(letterID),
                    \(UncertainDate.values(issued)), \(replyBy?.latestBound), \(summary))
            RETURNING id
            """).rows[0].decode("id")
        for invitee in invitees {
            try await connection.execute(
                """
                INSERT INTO invitation_invitee (invitation_id, invitee_id, represents_id, represents_kind)
                VALUES (\(id), \(invitee.actor.id), \(invitee.represents?.id), \(invitee.represents?.kind.rawValue)::text::actor_kind)
                """)
        }
        for source in draft.sources {
            try await SourceRecorder(connection: connection).cite(source, for: .invitation(id))
        }
        return ref
    }

    /// Records an answer; answering the same way again changes nothing.
    package func record(_ draft: ResponseDraft, on connection: PostgresConnection) async throws -> (invitationID: Int64, changed: Bool) {
        guard draft.status != .pending else {
            throw ChanceryError.invalid("status", "a response must be accepted, declined or tentative")
        }
        let note = try InputValidation.optional(draft.note, field: "note", maxLength: 2000)
        let invitationID = try await invitationID(of: draft.invitation, field: "invitation", on: connection)
        let invitee = try await ActorResolver.forWriting(connection).resolve(draft.invitee, field: "invitee")
        let current = try await connection.query(
            """
            SELECT status::text AS status, response_letter_id, responded_edtf, note FROM invitation_invitee
            WHERE invitation_id = \(invitationID) AND invitee_id = \(invitee.id)
            """).rows
        guard let currentRow = current.first else {
            let invited = try await read(invitationID, on: connection).invitees.map(\.name)
            throw ChanceryError.invalid("invitee", "\(invitee.name) is not an invitee of \(draft.invitation)",
                                        hint: "Invitees are: " + invited.joined(separator: ", ") + ".")
        }
        let recordedStatus = try currentRow.decode("status", as: String.self)
        let sameStatus = recordedStatus == draft.status.rawValue
        // The answer recorded, given again, keeps what is not given: its letter when only a
        // date is given, its date and letter when neither is (to change its note).
        let recordedLetter = sameStatus ? try currentRow.decode("response_letter_id", as: Int64?.self) : nil
        let letterID = try await draft.letter.asyncMap { try await LetterLookup(connection: connection).id(of: $0, field: "letter") } ?? recordedLetter
        let date: UncertainDate
        if let text = draft.date, !text.isEmpty {
            date = try UncertainDate(parsing: text, field: "date")
        } else if draft.letter == nil, sameStatus, let answered = UncertainDate.stored(try currentRow.decode("responded_edtf", as: String?.self)) {
            date = answered
        } else if let letterID {
            date = try await letterDate(letterID, on: connection)
        } else if recordedStatus != ResponseStatus.pending.rawValue, !sameStatus {
            throw ChanceryError.invalid("date", "\(draft.status.rawValue) is another answer than the one recorded (\(recordedStatus)): it needs its own date or the letter carrying it",
                                        hint: "Give its date (EDTF) or the reference of the letter carrying it.")
        } else {
            throw ChanceryError.invalid("date", "a response needs a date or the letter carrying it", hint: "Give its date (EDTF) or the reference of the letter carrying it.")
        }
        // A note belongs to its answer: another answer brings its own (or none), while the same
        // answer given again with another date or letter keeps its note unless one is given
        // (an empty one clears it).
        let currentNote = try currentRow.decode("note", as: String?.self)
        let newNote = sameStatus && draft.note == nil ? currentNote : note
        // The same answer again changes nothing; a new date or note is a correction.
        if sameStatus,
           try currentRow.decode("response_letter_id", as: Int64?.self) == letterID,
           try currentRow.decode("responded_edtf", as: String?.self) == date.edtf,
           currentNote == newNote {
            return (invitationID, false)
        }
        try await connection.execute(
            """
            UPDATE invitation_invitee
            SET status = \(draft.status.rawValue)::text::response_status,
                (responded_edtf, responded_earliest, responded_latest, responded_precision) = (\(UncertainDate.values(date))),
                response_letter_id = \(letterID), note = \(newNote),
                recorded_at = clock_timestamp()
            WHERE invitation_id = \(invitationID) AND invitee_id = \(invitee.id)
            """)
        return (invitationID, true)
    }

    /// An invitation with its invitees; a deleted letter that extended or answered it is not named.
    func read(_ id: Int64, on connection: PostgresConnection) async throws -> Invitation {
        try await read([id], on: connection)[0]
    }

    /// The invitations of `ids`, in that order, in two statements whatever their number (a
    /// listing of ten thousand took twenty thousand).
    func read(_ ids: [Int64], on connection: PostgresConnection) async throws -> [Invitation] {
        guard !ids.isEmpty else { return [] }
        var invitees: [Int64: [Invitee]] = [:]
        for row in try await connection.query(
            """
            SELECT v.invitation_id, a.name, r.name AS represents, v.status::text AS status, v.responded_edtf, l.ref AS letter, v.note
            FROM invitation_invitee v
            JOIN actor a ON a.id = v.invitee_id
            LEFT JOIN actor r ON r.id = v.represents_id
            LEFT JOIN letter l ON l.id = v.response_letter_id AND l.deleted_at IS NULL
            WHERE v.invitation_id = ANY(\(ids))
            ORDER BY v.invitation_id, a.name
            """).rows {
            invitees[try row.decode("invitation_id"), default: []].append(
                Invitee(name: try row.decode("name"), onBehalfOf: try row.decode("represents"),
                        status: ResponseStatus(rawValue: try row.decode("status")) ?? .pending,
                        responded: UncertainDate.stored(try row.decode("responded_edtf")), letter: try row.decode("letter"),
                        note: try row.decode("note")))
        }
        var invitations: [Int64: Invitation] = [:]
        for row in try await connection.query(
            """
            SELECT i.id, i.ref, a.name AS inviter, i.inviter_capacity, r.name AS represents, e.name AS event, e.ref AS event_ref,
                   l.ref AS letter, i.issued_edtf, i.reply_by::text AS reply_by, i.summary,
                   i.origin_register::text AS origin_register, i.origin_ref
            FROM invitation i
            JOIN actor a ON a.id = i.inviter_id
            LEFT JOIN actor r ON r.id = i.inviter_represents_id
            LEFT JOIN event e ON e.id = i.event_id
            LEFT JOIN letter l ON l.id = i.letter_id AND l.deleted_at IS NULL
            WHERE i.id = ANY(\(ids))
            """).rows {
            let id: Int64 = try row.decode("id")
            invitations[id] = Invitation(
                ref: try row.decode("ref"),
                from: ParticipantDraft(name: try row.decode("inviter"), capacity: try row.decode("inviter_capacity"),
                                       onBehalfOf: try row.decode("represents")),
                event: try row.decode("event"), eventRef: try row.decode("event_ref"),
                letter: try row.decode("letter"), date: UncertainDate.stored(try row.decode("issued_edtf"))!,
                replyBy: try row.decode("reply_by"), summary: try row.decode("summary"), invitees: invitees[id] ?? [],
                origin: try RecordOrigin(row))
        }
        return try ids.map { id in
            guard let invitation = invitations[id] else {
                throw ChanceryError(.notFound, "no invitation with id \(id)", hint: "It was deleted while it was being read; try again.")
            }
            return invitation
        }
    }

    private func letterDate(_ id: Int64, on connection: PostgresConnection) async throws -> UncertainDate {
        UncertainDate.stored(try await connection.query("SELECT sent_edtf FROM letter WHERE id = \(id)").rows[0].decode("sent_edtf"))!
    }
}
