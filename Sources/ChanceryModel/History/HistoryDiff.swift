import Foundation

/// Turns a history row's before and after images into the fields that changed.
package enum HistoryDiff {
    /// Columns that change with every write and say nothing about the record itself: the
    /// revision and timestamps the triggers keep, the derived search document, and the moment of
    /// the export a record was last taken from.
    static let bookkeeping: Set<String> = ["updated_at", "revision", "created_at", "search_document", "sent_sort", "origin_as_of"]

    /// The fields whose values differ, by name; a JSON null counts as no value. An insert (no
    /// `before`) lists every field `after` has a value for; a delete (no `after`) every field
    /// `before` had one for.
    package static func changes(before: [String: JSONValue]?, after: [String: JSONValue]?) -> [HistoryChange] {
        let fields = Set((before ?? [:]).keys).union((after ?? [:]).keys).subtracting(bookkeeping)
        return fields.sorted().compactMap { field in
            let old = value(before?[field])
            let new = value(after?[field])
            return old == new ? nil : HistoryChange(field: field, before: old, after: new)
        }
    }

    /// Reads an image stored as jsonb text; nil for SQL NULL.
    package static func image(_ json: String?) throws -> [String: JSONValue]? {
        guard let json else { return nil }
        return try JSONDecoder().decode([String: JSONValue].self, from: Data(json.utf8))
    }

    private static func value(_ value: JSONValue?) -> JSONValue? {
        if case .null = value { return nil }
        return value
    }
}
