package import Foundation
package import EDTF

/// Writes JSON byte for byte as the API's `JSONEncoder` does (compact, keys sorted, slashes not
/// escaped), for the responses served most: a profile of the letter listing put 44% of the
/// service's own time in `JSONEncoder`. Each type that uses it writes its keys in sorted order
/// itself; `CompactJSONWriterTests` compare every byte with `JSONEncoder`'s output.
package struct CompactJSONWriter {
    package private(set) var bytes: [UInt8] = []

    /// The encoder the API answers with, and so what this writer must equal byte for byte.
    package static func apiEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    package init(capacity: Int = 16 * 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// `"text"`, escaped as JSONEncoder escapes: quote, backslash and control characters.
    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0, index = 0
            while index < utf8.count {
                // Eight bytes at a time while none needs escaping: most text needs none.
                if index + 8 <= utf8.count,
                   !Self.needsEscaping(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    appendEscaped(byte)
                    runStart = index + 1
                }
                index += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of eight bytes is a control character, a quote or a backslash (the classic
    /// "has a zero byte" test, applied to the bytes XORed with each of those).
    private static func needsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        // Some byte below 0x20 ("hasless"): exact as a yes or no, which is all that is asked.
        let below = (word &- ones &* 0x20) & ~word & highs
        return below != 0 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// A day as `"YYYY-MM-DD"` (`CalendarDay.description`), or `null`; written digit by digit,
    /// since a listing writes two per row.
    package mutating func day(_ day: CalendarDay?) {
        guard let day else { return raw("null") }
        guard (0...9999).contains(day.year) else { return string(day.description) }
        func digits(_ value: Int) {
            bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
        }
        bytes.append(UInt8(ascii: "\""))
        digits(day.year / 100)
        digits(day.year % 100)
        bytes.append(UInt8(ascii: "-"))
        digits(day.month)
        bytes.append(UInt8(ascii: "-"))
        digits(day.day)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string, or `null` when there is none.
    package mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    /// `["a","b"]`.
    package mutating func strings(_ texts: [String]) {
        array(texts) { writer, text in writer.string(text) }
    }

    /// `[…,…]`, each element written by `element`.
    package mutating func array<Element>(_ elements: [Element], _ element: (inout CompactJSONWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A whole number, in decimal.
    package mutating func integer<Number: BinaryInteger>(_ number: Number) {
        bytes.append(contentsOf: number.description.utf8)
    }

    /// `true` or `false`.
    package mutating func boolean(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// `"key":`, preceded by a comma unless it is the object's first.
    package mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Punctuation or a literal, as is.
    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: Array("\\u00".utf8))
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
