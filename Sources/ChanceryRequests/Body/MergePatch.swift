import ChanceryModel
import Foundation
import HTTPTypes

/// Reads the fields of a JSON merge patch (RFC 7396) of some record: a field left out stays,
/// `null` clears it, a value replaces it. Fields the record's PATCH does not take are a 400
/// naming them and listing those it does.
struct MergePatch<Key: CodingKey & CaseIterable & RawRepresentable> where Key.RawValue == String {
    private let fields: KeyedDecodingContainer<Key>

    /// `record` names the record in messages ("an event").
    init(from decoder: any Decoder, record: String, elsewhere: String = "") throws {
        for key in try decoder.container(keyedBy: AnyKey.self).allKeys where Key(rawValue: key.stringValue) == nil {
            throw Problem.badRequest("\(record) has no field \(key.stringValue) that PATCH changes", field: key.stringValue,
                                     hint: "PATCH takes " + Key.allCases.map(\.rawValue).joined(separator: ", ") + "." + elsewhere)
        }
        fields = try decoder.container(keyedBy: Key.self)
    }

    /// A field the record always has: absent is nil, `null` a 422.
    func required<T: Decodable>(_ key: Key, _ type: T.Type = T.self) throws -> T? {
        guard fields.contains(key) else { return nil }
        if try fields.decodeNil(forKey: key) {
            throw Problem(.unprocessableContent, "invalid-input", title: "Invalid input",
                          detail: "\(key.rawValue) cannot be removed", field: key.rawValue)
        }
        return try fields.decode(T.self, forKey: key)
    }

    /// A field that may be empty: absent keeps it, `null` clears it.
    func optional<T: Decodable & Sendable>(_ key: Key, _ type: T.Type = T.self) throws -> FieldPatch<T> {
        guard fields.contains(key) else { return .keep }
        if try fields.decodeNil(forKey: key) { return .clear }
        return .set(try fields.decode(T.self, forKey: key))
    }

    /// A list of additions or removals; absent or `null` is none.
    func list(_ key: Key) throws -> [String] {
        try fields.decodeIfPresent([String].self, forKey: key) ?? []
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
