package import ChanceryModel

/// A JSON merge patch of an actor (see ``MergePatch``). `addAliases`/`removeAliases` change its
/// other names; `dropOldName` with `name` forgets the old name instead of keeping it as an alias.
package struct ActorPatch: Decodable {
    package var changes = ActorChanges()

    private enum Key: String, CodingKey, CaseIterable {
        case name, isoCode, wikidataId, viafId, gndId, existed, note, addAliases, removeAliases, dropOldName, unidentified
    }

    package init(from decoder: any Decoder) throws {
        let patch = try MergePatch<Key>(from: decoder, record: "an actor",
                                        elsewhere: " The kind never changes; merging is POST /v1/actors/{name}/merge.")
        changes.name = try patch.required(.name)
        changes.isoCode = try patch.optional(.isoCode)
        changes.wikidataId = try patch.optional(.wikidataId)
        changes.viafId = try patch.optional(.viafId)
        changes.gndId = try patch.optional(.gndId)
        changes.existed = try patch.optional(.existed)
        changes.note = try patch.optional(.note)
        changes.addedAliases = try patch.list(.addAliases)
        changes.removedAliases = try patch.list(.removeAliases)
        changes.dropOldName = try patch.required(.dropOldName) ?? false
        changes.unidentified = try patch.required(.unidentified)
    }
}
