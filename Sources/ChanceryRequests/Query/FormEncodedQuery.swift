import Foundation

/// A query string as HTML forms write it (`application/x-www-form-urlencoded`): `+` is a space
/// and `%2B` a plus, in names and values alike. The pages and the JSON API read queries alike.
package struct FormEncodedQuery: Sendable {
    /// Name and value pairs in the order given.
    package let pairs: [(name: String, value: String)]

    /// Reads a raw query string (without the `?`); nil or empty gives no pairs.
    package init(_ query: String?) {
        // Split on the bytes: `&` and `=` are ASCII, and a query is mostly ASCII; splitting on
        // Characters made reading two parameters cost more than writing a page of JSON.
        pairs = (query ?? "").utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { field in
            guard let equals = field.firstIndex(of: UInt8(ascii: "=")) else { return (Self.decoded(Substring(field)), "") }
            return (Self.decoded(Substring(field[..<equals])), Self.decoded(Substring(field[field.index(after: equals)...])))
        }
    }

    /// Pairs already decoded (a multipart form's fields).
    package init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// The first value given for `name`, if any.
    package func value(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// The first value for `name`, trimmed; nil when absent or blank.
    package func text(_ name: String) -> String? {
        value(name).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A query string of `pairs`, encoded as forms encode it.
    package static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { component($0.0) + "=" + component($0.1) }.joined(separator: "&")
    }

    /// A form-encoded component decoded; left as written (plus signs as spaces) when its
    /// percent escapes are malformed.
    private static func decoded(_ component: Substring) -> String {
        // Most names and values need no decoding; Foundation's replacing and unescaping of every
        // one was a tenth of the listing route's own time.
        if !component.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) { return String(component) }
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func component(_ text: String) -> String {
        (text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text).replacingOccurrences(of: "%20", with: "+")
    }

    /// A path segment for `value` (a reference may hold `/` or `#`).
    package static func pathSegment(_ value: String) -> String {
        // References are mostly letters, digits and hyphens: those are returned as they are
        // (a register page makes fifty of these).
        if value.utf8.allSatisfy(isUnreserved) { return value }
        return value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
