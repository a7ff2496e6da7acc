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
}
