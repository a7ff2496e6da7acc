/// Builds one JSON object as text with fields in the order they are added, leaving out absent
/// values, so exports are stable byte for byte and easy to read.
package struct JSONText {
    package init() {}

    private var text = "{"
    private var empty = true

    package mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        field(key)
        Self.appendString(value, to: &text)
    }

    package mutating func add(_ key: String, _ value: Int64?) {
        guard let value else { return }
        field(key)
        text += String(value)
    }

    /// Adds `true`; false is the default and left out.
    mutating func addFlag(_ key: String, _ value: Bool) {
        guard value else { return }
        field(key)
        text += "true"
    }

    /// Adds a list of strings; an empty list is left out.
    package mutating func add(_ key: String, _ values: [String]) {
        guard !values.isEmpty else { return }
        field(key)
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            Self.appendString(value, to: &text)
        }
        text += "]"
    }

    /// Adds already-built objects as a list; an empty list is left out.
    package mutating func add(_ key: String, objects: [JSONText]) {
        guard !objects.isEmpty else { return }
        field(key)
        text += "[" + objects.map(\.result).joined(separator: ",") + "]"
    }

    package mutating func add(_ key: String, object: JSONText?) {
        guard let object else { return }
        field(key)
        text += object.result
    }

    private mutating func field(_ key: String) {
        if !empty { text += "," }
        empty = false
        Self.appendString(key, to: &text)
        text += ":"
    }

    package var result: String { text + "}" }

    /// Adds a number with two decimals (a confidence).
    package mutating func add(_ key: String, fraction value: Double?) {
        guard let value else { return }
        field(key)
        text += String(Double((value * 100).rounded()) / 100)
    }

    /// Adds a list of integers; an empty list is left out.
    package mutating func add(_ key: String, numbers values: [Int]) {
        guard !values.isEmpty else { return }
        field(key)
        text += "[" + values.map(String.init).joined(separator: ",") + "]"
    }

    /// A JSON string literal (RFC 8259 escapes; everything else as UTF-8). The one JSON string
    /// escaper: exports and the service's JSON log lines write strings the same way.
    package static func quoted(_ value: String) -> String {
        var text = ""
        appendString(value, to: &text)
        return text
    }

    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, everything else as UTF-8 so that text in any script stays readable.
    package static func appendString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
