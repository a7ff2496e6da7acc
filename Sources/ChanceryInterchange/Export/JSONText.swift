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

    /// Adds `true` or `false`; nil is left out.
    mutating func add(_ key: String, _ value: Bool?) {
        guard let value else { return }
        field(key)
        text += value ? "true" : "false"
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

    /// A JSON string literal (RFC 8259 escapes; everything else as UTF-8), as exports write them.
    package static func quoted(_ value: String) -> String {
        var text = ""
        appendString(value, to: &text)
        return text
    }

    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, everything else as UTF-8 so that text in any script stays readable.
    package static func appendString(_ value: String, to text: inout String) {
        text += "\""
        text += escaped(value)
        text += "\""
    }

    /// The text between a literal's quotes. Worked on UTF-8 bytes: every byte to escape is
    /// ASCII, and most values (an export's millions, a log line per request) need none.
    private static func escaped(_ value: String) -> String {
        var value = value
        return value.withUTF8 { utf8 -> String? in
            guard utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count + 16)
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
                case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        } ?? value
    }
}
