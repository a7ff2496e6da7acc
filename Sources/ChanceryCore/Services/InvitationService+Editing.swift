import LibPQClient
public import ChanceryModel

/// Correcting a recorded invitation.
extension InvitationService {
    /// Changes the invitation `ref` and returns it as it now is. Values are checked as when an
    /// invitation is recorded; it keeps at least one invitee. Nothing is written when any change
    /// is refused.
    public func edit(_ ref: String, _ changes: InvitationChanges) async throws -> Invitation {
        guard !changes.isEmpty else {
            throw ChanceryError(.invalidInput, "nothing to change", hint: "Give at least one field with its new value.")
        }
        let capacity = try ColumnAssignments.text(changes.capacity) { try InputValidation.optional($0, field: "capacity", maxLength: 200) }
        let summary = try ColumnAssignments.text(changes.summary) { try InputValidation.optional($0, field: "summary", maxLength: 5000) }
        let issued = try changes.date.map { try UncertainDate(parsing: $0, field: "date") }
        let replyBy = try ColumnAssignments.date(changes.replyBy, field: "reply-by")
        return try await database.write { connection in
            let id = try await invitationID(of: ref, field: "ref", lockingForUpdate: true, on: connection)
            let input = InputValidation.trimmed(ref)
            var columns = ColumnAssignments()
            columns.set("inviter_capacity", capacity)
            columns.set("summary", summary)
            if let issued { columns.setDate("issued", issued) }
            switch replyBy {
            case .keep: break
            case .clear: columns.set("reply_by", PostgresDate?.none)
            case .set(let date): columns.set("reply_by", date.latestBound)
            }
            switch changes.event {
            case .keep: break
            case .clear: columns.set("event_id", Int64?.none)
            case .set(let event): columns.set("event_id", try await EventLookup(connection: connection).id(of: event, field: "event"))
            }
            switch changes.letter {
            case .keep: break
            case .clear: columns.set("letter_id", Int64?.none)
            case .set(let letter): columns.set("letter_id", try await LetterLookup(connection: connection).id(of: letter, field: "letter"))
            }
            try await columns.update("invitation", id: id, on: connection)
            let dates = try await connection.query(
                "SELECT issued_edtf, issued_earliest::text AS issued_earliest, reply_by::text AS reply_by FROM invitation WHERE id = \(id)").rows[0]
            if let replyBy: String = try dates.decode("reply_by"), let issued: String = try dates.decode("issued_earliest"), replyBy < issued {
                let issuedText: String = try dates.decode("issued_edtf")
                throw ChanceryError.invalid(changes.replyBy.changes ? "reply-by" : "date",
                                            "answers would be due (\(replyBy)) before the invitation was issued (\(issuedText))",
                                            hint: "Check the dates: the reply-by day comes after the invitation.")
            }
            let resolver = ActorResolver.forWriting(connection)
            for invitee in changes.removedInvitees {
                let actor = try await resolver.resolve(invitee, field: "removeInvitee")
                let gone = try await connection.execute("DELETE FROM invitation_invitee WHERE invitation_id = \(id) AND invitee_id = \(actor.id)")
                guard gone > 0 else {
                    throw ChanceryError(.notFound, "\(actor.name) is not an invitee of \(input)", field: "removeInvitee",
                                        hint: "Each invitation's invitees are listed with it.", next: [.listInvitations])
                }
            }
            let date = try await connection.query("SELECT issued_edtf FROM invitation WHERE id = \(id)").rows[0].decode("issued_edtf", as: String.self)
            let participants = ParticipantResolver(connection: connection)
            for name in changes.addedInvitees {
                let invitee = try await participants.resolve(ParticipantDraft(name: name), field: "addInvitee", at: UncertainDate.stored(date))
                let added = try await connection.execute(
                    """
                    INSERT INTO invitation_invitee (invitation_id, invitee_id, represents_id, represents_kind)
                    VALUES (\(id), \(invitee.actor.id), \(invitee.represents?.id), \(invitee.represents?.kind.rawValue)::text::actor_kind)
                    ON CONFLICT DO NOTHING
                    """)
                guard added > 0 else { throw ChanceryError.invalid("addInvitee", "\(invitee.actor.name) is invited already") }
            }
            let left = try await connection.query("SELECT count(*) AS n FROM invitation_invitee WHERE invitation_id = \(id)").rows[0].decode("n", as: Int.self)
            guard left > 0 else {
                throw ChanceryError.invalid("removeInvitee", "an invitation needs at least one invitee", hint: "Add another invitee first.")
            }
            return try await read(id, on: connection)
        }
    }
}
