import Foundation

/// How a file names the register that exported it: the register's id (a UUID, see
/// `register_identity` in schema.sql) as JSON Lines' header writes it, and as a `urn:uuid:` in
/// CMIF and TEI, whose export bibl points to it.
package enum RegisterID {
    /// `urn:uuid:…` for an id.
    package static func urn(for register: String) -> String { "urn:uuid:" + register }

    /// The id in a `urn:uuid:…`; nil for any other reference.
    package static func id(urn: String) -> String? {
        let prefix = "urn:uuid:"
        guard urn.lowercased().hasPrefix(prefix) else { return nil }
        return id(text: String(urn.dropFirst(prefix.count)))
    }

    /// The id a header writes (`0b7c1f2e-5d1a-…`, in any case), in the form the database gives;
    /// nil for anything that is not a UUID.
    package static func id(text: String) -> String? {
        UUID(uuidString: text).map { $0.uuidString.lowercased() }
    }

    /// The moment a header says the file was exported (`2026-12-07T04:58:10.123456Z`, an offset
    /// instead of `Z`, up to six digits of a second), as written; nil for anything else. An
    /// import compares it with when the register last changed what the file names.
    package static func moment(text: String) -> String? {
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})/) != nil else { return nil }
        // The digits must make a time, which the pattern does not check (month 13, 25 o'clock).
        let whole = text.replacing(/\.\d+/, with: "")
        let parser = ISO8601DateFormatter()
        return parser.date(from: whole) == nil ? nil : text
    }
}
