/// How a file names the register that exported it: the register's id (a UUID, see
/// `register_identity` in schema.sql) as JSON Lines' header writes it, and as a `urn:uuid:` in
/// CMIF and TEI, whose export bibl points to it.
package enum RegisterID {
    /// `urn:uuid:…` for an id.
    package static func urn(for register: String) -> String { "urn:uuid:" + register }

    /// The id in a `urn:uuid:…`; nil for any other reference.
    package static func id(urn: String) -> String? {
        let prefix = "urn:uuid:"
        guard urn.lowercased().hasPrefix(prefix), urn.count > prefix.count else { return nil }
        return String(urn.dropFirst(prefix.count)).lowercased()
    }
}
