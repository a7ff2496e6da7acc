import Foundation

/// JSON as every interface prints it: sorted keys, pretty, no escaped slashes.
public enum JSONOutput {
    /// Encodes a value.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
