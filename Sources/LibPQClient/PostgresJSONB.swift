import Foundation

/// A jsonb value kept as raw JSON text; callers choose when (and into what) to decode it.
public struct PostgresJSONB: Sendable, Hashable, CustomStringConvertible, PostgresEncodable, PostgresDecodable {
    /// The JSON text. After a round trip this is the server's normalised form (jsonb reorders keys).
    public var rawJSON: String

    /// Wraps JSON text as is; the server validates it when the value is bound.
    public init(rawJSON: String) { self.rawJSON = rawJSON }

    /// Encodes `value` with JSONEncoder (sorted keys, so equal values give equal text).
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.rawJSON = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the JSON text with JSONDecoder.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(rawJSON.utf8))
    }

    /// The JSON text.
    public var description: String { rawJSON }
    /// The JSON text.
    public var postgresText: String? { rawJSON }
    /// jsonb.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.jsonb }
    /// Reads jsonb or json columns.
    public init(postgresText: String, typeOID: UInt32) throws { self.rawJSON = postgresText }
}
