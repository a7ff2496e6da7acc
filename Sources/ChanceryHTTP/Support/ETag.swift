import Foundation

/// Strong ETags for records with a revision: `"r3"`. Opaque to clients; here they name the
/// revision a change was based on.
enum ETag {
    static func make(revision: Int) -> String { "\"r\(revision)\"" }

    /// The revision of an `If-Match` value; nil when it is not one of ours. A list takes its first entry.
    static func revision(from header: String) -> Int? {
        let first = header.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard first.hasPrefix("\"r"), first.hasSuffix("\""), first.count > 3 else { return nil }
        return Int(first.dropFirst(2).dropLast())
    }
}
