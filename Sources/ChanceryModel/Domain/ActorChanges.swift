/// Changes to a recorded actor; what is left nil (or `.keep`) stays as it is.
///
/// The kind never changes: a person recorded as a state is a new actor and a merge. Values are
/// checked as when an actor is recorded (`ActorService.add`).
public struct ActorChanges: Sendable, Hashable {
    /// A new display name. The old one stays findable as an alias unless `dropOldName`.
    public var name: String?
    /// Forget the old name instead of keeping it as an alias (it was a typo, not a spelling).
    public var dropOldName = false
    /// ISO 3166-1 alpha-2 code (states only).
    public var isoCode: FieldPatch<String> = .keep
    /// Wikidata id.
    public var wikidataId: FieldPatch<String> = .keep
    /// VIAF id.
    public var viafId: FieldPatch<String> = .keep
    /// GND id.
    public var gndId: FieldPatch<String> = .keep
    /// When a state existed (EDTF interval; states only).
    public var existed: FieldPatch<String> = .keep
    /// A short note.
    public var note: FieldPatch<String> = .keep
    /// Other names to add.
    public var addedAliases: [String] = []
    /// Other names to remove.
    public var removedAliases: [String] = []
    /// Whether it stands for someone the sources do not name (see `ActorProfile.unidentified`).
    public var unidentified: Bool?

    /// Creates changes; by default none.
    public init() {}

    /// True when nothing would change.
    public var isEmpty: Bool {
        name == nil && !isoCode.changes && !wikidataId.changes && !viafId.changes && !gndId.changes && !existed.changes
            && !note.changes && addedAliases.isEmpty && removedAliases.isEmpty && unidentified == nil
    }
}

/// What merging a duplicate actor into the one kept moved, and the kept actor as it now is.
public struct ActorMergeReport: Sendable, Hashable, Codable {
    /// The duplicate's name, now an alias of the kept actor.
    public var merged: String
    /// The kept actor afterwards.
    public var kept: ActorProfile
    /// Letter participations (as author, recipient, intermediary…, or as the state or
    /// organization a participant acts for) moved to the kept actor.
    public var participations: Int
    /// Letters whose participants changed.
    public var letters: Int
    /// Roles held (or roles of the duplicate, as a state or organization) moved.
    public var roles: Int
    /// Memberships moved.
    public var memberships: Int
    /// Events hosted or attended moved.
    public var events: Int
    /// Invitations extended or received moved.
    public var invitations: Int
    /// Other names moved (the duplicate's own name included).
    public var aliases: Int
    /// Source citations moved.
    public var citations: Int
    /// Rows that said for the duplicate what the kept actor already had (both named on one
    /// letter in one role, the same role twice): the kept actor's row stays, the other goes.
    public var combined: Int
    /// Authority ids (ISO, Wikidata, VIAF, GND) and the note or existence period taken over
    /// from the duplicate, by field name.
    public var fieldsTaken: [String]

    package init(merged: String, kept: ActorProfile, participations: Int, letters: Int, roles: Int, memberships: Int,
                 events: Int, invitations: Int, aliases: Int, citations: Int, combined: Int, fieldsTaken: [String]) {
        self.merged = merged
        self.kept = kept
        self.participations = participations
        self.letters = letters
        self.roles = roles
        self.memberships = memberships
        self.events = events
        self.invitations = invitations
        self.aliases = aliases
        self.citations = citations
        self.combined = combined
        self.fieldsTaken = fieldsTaken
    }
}

/// An actor merged into another: its name, and when and by whom (`chancery actor merge`).
public struct MergedActor: Sendable, Hashable, Codable {
    /// The duplicate's name, now an alias of the actor it was merged into.
    public var name: String
    /// When, ISO 8601 in UTC.
    public var at: String
    /// Who merged it, as the history records changes (`cli:<user>`, `token:<name>`, `user:<name>`).
    public var by: String

    package init(name: String, at: String, by: String) {
        self.name = name
        self.at = at
        self.by = by
    }
}
