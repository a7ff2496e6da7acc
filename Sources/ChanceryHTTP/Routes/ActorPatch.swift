import ChanceryModel
import Foundation
import HTTPTypes

/// A JSON merge patch (RFC 7396) of an actor: a field left out stays, `null` clears it, a value
/// replaces it. `addAliases`/`removeAliases` change its other names; `dropOldName` with `name`
/// forgets the old name instead of keeping it as an alias.
struct ActorPatch: Decodable {
    var changes = ActorChanges()

    private enum Key: String, CodingKey, CaseIterable {
        case name, isoCode, wikidataId, viafId, gndId, existed, note, addAliases, removeAliases, dropOldName
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        for key in try decoder.container(keyedBy: AnyKey.self).allKeys where Key(rawValue: key.stringValue) == nil {
            throw Problem.badRequest("an actor has no field \(key.stringValue) that PATCH changes", field: key.stringValue,
                                     hint: "PATCH takes " + Key.allCases.map(\.rawValue).joined(separator: ", ")
                                         + "; the kind never changes, and merging is POST /v1/actors/{name}/merge.")
        }
        let fields = try decoder.container(keyedBy: Key.self)
        func optional(_ key: Key) throws -> FieldPatch<String> {
            guard fields.contains(key) else { return .keep }
            if try fields.decodeNil(forKey: key) { return .clear }
            return .set(try fields.decode(String.self, forKey: key))
        }
        if fields.contains(.name) {
            guard !(try fields.decodeNil(forKey: .name)) else {
                throw Problem(.unprocessableContent, "invalid-input", title: "Invalid input",
                              detail: "name cannot be removed; an actor always has one", field: "name")
            }
            changes.name = try fields.decode(String.self, forKey: .name)
        }
        changes.isoCode = try optional(.isoCode)
        changes.wikidataId = try optional(.wikidataId)
        changes.viafId = try optional(.viafId)
        changes.gndId = try optional(.gndId)
        changes.existed = try optional(.existed)
        changes.note = try optional(.note)
        changes.addedAliases = try fields.decodeIfPresent([String].self, forKey: .addAliases) ?? []
        changes.removedAliases = try fields.decodeIfPresent([String].self, forKey: .removeAliases) ?? []
        changes.dropOldName = try fields.decodeIfPresent(Bool.self, forKey: .dropOldName) ?? false
    }
}
