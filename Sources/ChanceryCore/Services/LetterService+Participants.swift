import LibPQClient
public import ChanceryModel
/// Adding and removing a letter's participants one at a time.
extension LetterService {
    /// Adds a participant in `role`, after those already in it, resolved as `add` resolves them
    /// (whom a person acts for is read off the roles they hold at the letter's sent date). An
    /// actor already in that role is refused. Checks `ifRevision` when given; bumps the
    /// revision; returns the letter as it now is.
    public func addParticipant(
        to ref: String, ifRevision: Int?, role: ParticipantRole, participant: ParticipantDraft, once key: IdempotencyKey? = nil
    ) async throws -> WriteOutcome<LetterDetail> {
        let field = Self.participantField(role)
        return try await editParts(of: ref, ifRevision: ifRevision, once: key) { connection, letter in
            let resolved = try await ParticipantResolver(connection: connection)
                .resolve(participant, field: field, at: UncertainDate.stored(letter.sentEDTF))
            let taken = try await connection.query(
                "SELECT 1 FROM letter_participant WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role AND actor_id = \(resolved.actor.id)").rows
            guard taken.isEmpty else {
                throw ChanceryError.invalid(field, "\(resolved.actor.name) is named twice as \(role.rawValue)",
                                            hint: "Name each actor once per role; aliases of one actor count as the same actor.")
            }
            try await connection.execute(
                """
                INSERT INTO letter_participant (letter_id, role, position, actor_id, capacity, represents_id, represents_kind,
                                                name_as_written, name_supplied, name_uncertain)
                SELECT \(letter.id), \(role.rawValue)::text::participant_role, coalesce(max(position), 0) + 1, \(resolved.actor.id),
                       \(resolved.capacity), \(resolved.represents?.id), \(resolved.represents?.kind.rawValue)::text::actor_kind,
                       \(resolved.nameAsWritten), \(resolved.nameSupplied), \(resolved.nameUncertain)
                FROM letter_participant WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role
                """)
        }
    }

    /// Removes the participant at `position` in `role`; those after it move up, so positions
    /// stay 1, 2, 3…. A letter keeps at least one author and one recipient. Needs the current
    /// revision; bumps it; returns the letter as it now is.
    public func removeParticipant(from ref: String, ifRevision: Int, role: ParticipantRole, position: Int) async throws -> LetterDetail {
        try await editParts(of: ref, ifRevision: ifRevision, once: nil) { connection, letter in
            let row = try await connection.query(
                """
                SELECT count(*) FILTER (WHERE position = \(position)) AS found, count(*) AS in_role, max(position) AS last
                FROM letter_participant WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role
                """).rows[0]
            guard try row.decode("found", as: Int.self) == 1 else {
                throw ChanceryError(.notFound, "letter \(letter.ref) has no \(role.rawValue) at position \(position)", field: "position",
                                    hint: "Read the letter to see its participants and their positions.")
            }
            if [.author, .recipient].contains(role), try row.decode("in_role", as: Int.self) == 1 {
                throw ChanceryError.invalid("role", "\(letter.ref) would be left without \(role == .author ? "an author" : "a recipient")",
                                            hint: "Add another \(role.rawValue) first, then remove this one.")
            }
            let last: Int = try row.decode("last")
            try await connection.execute(
                "DELETE FROM letter_participant WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role AND position = \(position)")
            // One row at a time, in ascending order: each moves into the position just freed, so
            // the primary key (letter_id, role, position) never sees two rows at once, and
            // history records each move as the participant leaving one position for the next.
            for next in stride(from: position + 1, through: last, by: 1) {
                try await connection.execute(
                    """
                    UPDATE letter_participant SET position = position - 1
                    WHERE letter_id = \(letter.id) AND role = \(role.rawValue)::text::participant_role AND position = \(next)
                    """)
            }
        }.value
    }

    /// The name of the input a participant of `role` comes from, as `add` names it.
    static func participantField(_ role: ParticipantRole) -> String {
        switch role {
        case .author: return "from"
        case .signatory: return "signatory"
        case .recipient: return "to"
        case .cc: return "cc"
        case .transmitter: return "via"
        }
    }
}
