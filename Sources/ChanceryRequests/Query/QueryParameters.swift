import Foundation

/// Typed access to the query string, with 400s that name the parameter and what it takes.
///
/// The query is read as HTML forms write it (`application/x-www-form-urlencoded`): `+` is a
/// space and `%2B` a plus, in names and values alike, so `person=Hun+Sen` names Hun Sen.
package struct QueryParameters: Sendable {
    /// Name and value pairs in the order given.
    package let pairs: [(name: String, value: String)]

    /// Reads a raw query string (without the `?`); nil or empty gives no parameters.
    package init(query: String?) { pairs = FormEncodedQuery(query).pairs }

    /// The first value given for `name`, if any.
    private func value(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// A text parameter. One given without a value (`?between=`) is refused rather than taken as
    /// absent: a filter that silently vanished would answer with everything.
    package func string(_ name: String) throws -> String? {
        guard let value = value(name) else { return nil }
        guard !value.isEmpty else {
            throw Problem.badRequest("\(name) is given without a value", field: name, hint: "Give \(name) a value, or leave it out.")
        }
        return value
    }

    /// An integer parameter within `range`.
    package func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(text)",
                                     field: name)
        }
        return value
    }

    /// A boolean parameter: true/false, 1/0, yes/no; present without a value means true.
    package func bool(_ name: String) throws -> Bool {
        guard let value = value(name) else { return false }
        switch value.lowercased() {
        case "", "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Problem.badRequest("\(name) must be true or false, not \(value)", field: name)
        }
    }

    /// A parameter taking one of `allowed`.
    package func choice<T: RawRepresentable>(_ name: String, _ type: T.Type, allowed: [T]) throws -> T? where T.RawValue == String {
        guard let text = try string(name) else { return nil }
        guard let value = T(rawValue: text), allowed.contains(where: { $0.rawValue == value.rawValue }) else {
            throw Problem.badRequest("\(name) must be one of \(allowed.map(\.rawValue).joined(separator: ", ")), not \(text)",
                                     field: name)
        }
        return value
    }

    /// A comma-separated pair (`between=US,KH`).
    package func pair(_ name: String) throws -> (String, String)? {
        guard let text = try string(name) else { return nil }
        let parts = Self.commaSeparated(text)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw Problem.badRequest("\(name) takes two values separated by a comma (e.g. \(name)=US,KH), not \(text)", field: name)
        }
        return (parts[0], parts[1])
    }

    /// The parts of a comma-separated value, each trimmed of spaces. Split at every comma
    /// character, not between Swift's characters: a comma followed by a combining mark or an
    /// emoji modifier is one character with it, and would not separate anything.
    package static func commaSeparated(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)).trimmingCharacters(in: .whitespaces) }
    }

    /// Refuses parameters the endpoint does not know, so a typo is not silently ignored.
    package func allowOnly(_ names: Set<String>) throws {
        for (key, _) in pairs where !names.contains(key) {
            throw Problem.badRequest("unknown query parameter \(key)", field: key,
                                     hint: "This endpoint takes: " + names.sorted().joined(separator: ", ") + ".")
        }
    }
}
