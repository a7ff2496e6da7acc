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
        try await editParts(of: ref, ifRevision: ifRevision, once: key) { connection, letter in
            let editor = LetterPartEditor(connection: connection, letter: letter)
            try await editor.addParticipant(participant, as: role)
            try await editor.recomposeSubject()
        }
    }

    /// Removes the participant at `position` in `role`; those after it move up, so positions
    /// stay 1, 2, 3…. A letter keeps at least one author and one recipient. Needs the current
    /// revision; bumps it; returns the letter as it now is.
    public func removeParticipant(from ref: String, ifRevision: Int, role: ParticipantRole, position: Int) async throws -> LetterDetail {
        try await editParts(of: ref, ifRevision: ifRevision, once: nil) { connection, letter in
            let editor = LetterPartEditor(connection: connection, letter: letter)
            try await editor.removeParticipant(role, at: position)
            try await editor.checkAuthorAndRecipient()
            try await editor.recomposeSubject()
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
