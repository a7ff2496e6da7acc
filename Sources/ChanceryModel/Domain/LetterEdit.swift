/// One edit of a letter as a whole, as `chancery letter edit` makes it: its own fields and any
/// number of participants, links and sources added or removed, all in one transaction.
public struct LetterEdit: Sendable {
    /// A participant to add in a role.
    public struct AddedParticipant: Sendable {
        public var role: ParticipantRole
        public var participant: ParticipantDraft
        public init(role: ParticipantRole, participant: ParticipantDraft) {
            self.role = role
            self.participant = participant
        }
    }

    /// A link to add.
    public struct AddedLink: Sendable {
        public var kind: LetterLinkKind
        public var target: String
        public init(kind: LetterLinkKind, target: String) {
            self.kind = kind
            self.target = target
        }
    }

    /// The letter's own fields.
    public var changes = LetterChanges()
    /// Participants to add, after those already in their roles.
    public var addedParticipants: [AddedParticipant] = []
    /// Actors (name, alias, code or id) to remove from every role they hold on the letter.
    public var removedParticipants: [String] = []
    /// Links to add.
    public var addedLinks: [AddedLink] = []
    /// Letters (references) every link to which is removed.
    public var removedLinks: [String] = []
    /// Sources to cite.
    public var addedSources: [SourceDraft] = []
    /// Sources (URL, or title when it has none) to stop citing.
    public var removedSources: [String] = []

    /// Creates an edit; by default none.
    public init() {}

    /// True when nothing would change.
    public var isEmpty: Bool {
        changes.isEmpty && addedParticipants.isEmpty && removedParticipants.isEmpty && addedLinks.isEmpty
            && removedLinks.isEmpty && addedSources.isEmpty && removedSources.isEmpty
    }
}
