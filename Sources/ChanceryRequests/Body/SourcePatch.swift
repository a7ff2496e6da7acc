package import ChanceryModel

/// A JSON merge patch of a recorded source (see ``MergePatch``): its fields as `GET
/// /v1/sources/{id}` names them; `null` clears an optional one.
package struct SourcePatch: Decodable {
    package var changes = SourceChanges()

    private enum Key: String, CodingKey, CaseIterable {
        case kind, title, url, publisher, published, retrieved, excerpt
    }

    package init(from decoder: any Decoder) throws {
        let patch = try MergePatch<Key>(from: decoder, record: "a source",
                                        elsewhere: " The records citing it change through their own endpoints.")
        changes.kind = try patch.required(.kind)
        changes.title = try patch.required(.title)
        changes.url = try patch.optional(.url)
        changes.publisher = try patch.optional(.publisher)
        changes.published = try patch.optional(.published)
        changes.retrieved = try patch.optional(.retrieved)
        changes.excerpt = try patch.optional(.excerpt)
    }
}
