import ChanceryModel

/// The actors an export has listed, by every reference a letter may use for them (key, name,
/// alias, ISO code, authority ids), so writers can say whether a participant is a person or
/// an organization and give its authority URIs.
struct CorrespondentDirectory {
    private var actors: [String: ActorDraft] = [:]
    private var keys: Set<String> = []

    /// Records an actor; a reference already taken (a namesake's name) keeps its first actor.
    package mutating func add(_ draft: ActorDraft, key: String?) {
        var references = [draft.name] + draft.aliases
        references += [draft.isoCode, draft.wikidataId, draft.viafId.map { "viaf:" + $0 }, draft.gndId.map { "gnd:" + $0 }]
            .compactMap { $0 }
        if let key {
            keys.insert(Self.folded(key))
            // The key names exactly this actor, even where a namesake took the name.
            actors[Self.folded(key)] = draft
        }
        for reference in references where actors[Self.folded(reference)] == nil {
            actors[Self.folded(reference)] = draft
        }
    }

    /// The actor a participant reference names, if listed.
    func actor(_ reference: String) -> ActorDraft? { actors[Self.folded(reference)] }

    /// Whether the reference is a dataset key (a namesake's), which the full TEI keeps as `@key`.
    func isKey(_ reference: String) -> Bool { keys.contains(Self.folded(reference)) }

    private static func folded(_ reference: String) -> String { reference.collapsingXMLWhitespace().lowercased() }
}
