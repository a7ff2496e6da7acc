import ChanceryModel

/// The actors an export has listed, by every reference a letter may use for them (key, name,
/// alias, ISO code, authority ids), so writers can say whether a participant is a person or
/// an organization and give its authority URIs.
struct CorrespondentDirectory {
    /// How firmly a reference names its actor: a dataset key, then an actor's own name, then an
    /// alias or id. A letter names a participant by the actor's name, which another actor may
    /// hold as an alias; that actor's authority ids must not be written for it.
    private enum Claim: Int, Comparable {
        case key, name, other
        static func < (lhs: Claim, rhs: Claim) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private var actors: [String: (draft: ActorDraft, claim: Claim)] = [:]
    private var keys: Set<String> = []

    /// Records an actor. A reference already taken as firmly (a namesake's name) keeps its first actor.
    package mutating func add(_ draft: ActorDraft, key: String?) {
        if let key {
            keys.insert(Self.folded(key))
            // The key names exactly this actor, even where a namesake took the name.
            claim(key, for: draft, .key)
        }
        claim(draft.name, for: draft, .name)
        let others = draft.aliases + [draft.isoCode, draft.wikidataId, draft.viafId.map { "viaf:" + $0 }, draft.gndId.map { "gnd:" + $0 }]
            .compactMap { $0 }
        for reference in others { claim(reference, for: draft, .other) }
    }

    private mutating func claim(_ reference: String, for draft: ActorDraft, _ claim: Claim) {
        let folded = Self.folded(reference)
        if let taken = actors[folded], taken.claim <= claim { return }
        actors[folded] = (draft, claim)
    }

    /// The actor a participant reference names, if listed.
    func actor(_ reference: String) -> ActorDraft? { actors[Self.folded(reference)]?.draft }

    /// Whether the reference is a dataset key (a namesake's), which the full TEI keeps as `@key`.
    func isKey(_ reference: String) -> Bool { keys.contains(Self.folded(reference)) }

    private static func folded(_ reference: String) -> String { reference.collapsingXMLWhitespace().lowercased() }
}
