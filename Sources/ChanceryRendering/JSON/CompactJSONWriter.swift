package import Foundation
package import EDTF

/// Writes JSON byte for byte as the API's `JSONEncoder` does (compact, keys sorted, slashes not
/// escaped), for the responses served most: a profile of the letter listing put 44% of the
/// service's own time in `JSONEncoder`. Each type that uses it writes its keys in sorted order
/// itself; `CompactJSONWriterTests` compare every byte with `JSONEncoder`'s output.
package struct CompactJSONWriter: ~Copyable {
    // The bytes written so far, in memory this writer owns: an [UInt8] checked its uniqueness
    // and capacity on every append: about a seventh of a listing's JSON instructions (callgrind).
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// The encoder the API answers with, and so what this writer must equal byte for byte.
    package static func apiEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    package init(capacity: Int = 16 * 1024) {
        self.capacity = max(capacity, 64)
        start = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The JSON written, as bytes to send.
    package consuming func finish() -> [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// Room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: start, count: count)
        start.deallocate()
        start = grown
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        if bytes.count <= 16 {
            // Keys, names and references are short: a loop costs less than calling memmove.
            for offset in 0..<bytes.count { start[count + offset] = source[offset] }
        } else {
            (start + count).update(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    /// `"text"`, escaped as JSONEncoder escapes: quote, backslash and control characters.
    package mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(utf8: $0) }
    }

    /// The same for text given as its UTF-8 bytes (a string as the database sent it).
    package mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
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
                append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscaped(byte)
                runStart = index + 1
            }
            index += 1
        }
        append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        append(UInt8(ascii: "\""))
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
        append(UInt8(ascii: "\""))
        twoDigits(day.year / 100)
        twoDigits(day.year % 100)
        append(UInt8(ascii: "-"))
        twoDigits(day.month)
        append(UInt8(ascii: "-"))
        twoDigits(day.day)
        append(UInt8(ascii: "\""))
    }

    private mutating func twoDigits(_ value: Int) {
        append(UInt8(ascii: "0") + UInt8(value / 10))
        append(UInt8(ascii: "0") + UInt8(value % 10))
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
        append(UInt8(ascii: "["))
        for (index, item) in elements.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        append(UInt8(ascii: "]"))
    }

    /// A whole number, in decimal.
    package mutating func integer<Number: BinaryInteger>(_ number: Number) {
        var digits = number.description
        digits.withUTF8 { append($0) }
    }

    /// `true` or `false`.
    package mutating func boolean(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// `"key":`, preceded by a comma unless it is the object's first.
    package mutating func key(_ name: StaticString, first: Bool = false) {
        guard name.hasPointerRepresentation else {
            // A one-scalar StaticString has no pointer; keys are words, but stay correct anyway.
            if !first { append(UInt8(ascii: ",")) }
            append(UInt8(ascii: "\""))
            name.withUTF8Buffer { append($0) }
            raw("\":")
            return
        }
        let length = name.utf8CodeUnitCount
        reserve(length + 4)
        if !first { start[count] = UInt8(ascii: ","); count += 1 }
        start[count] = UInt8(ascii: "\"")
        let source = name.utf8Start
        for offset in 0..<length { start[count + 1 + offset] = source[offset] }
        count += length + 1
        start[count] = UInt8(ascii: "\"")
        start[count + 1] = UInt8(ascii: ":")
        count += 2
    }

    /// How many bytes have been written.
    package var written: Int { count }

    /// The bytes this writer wrote at `range` written again (a value that repeats, such as a
    /// listing's date shared by the letters of one day).
    package mutating func repeatWritten(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "only what was written can be repeated")
        reserve(range.count)
        (start + count).update(from: start + range.lowerBound, count: range.count)
        count += range.count
    }

    /// JSON written before (by a writer like this one), as is.
    package mutating func raw(utf8 json: UnsafeBufferPointer<UInt8>) {
        append(json)
    }

    /// Punctuation or a literal, as is.
    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append(0x5C); append(0x22)
        case UInt8(ascii: "\\"): append(0x5C); append(0x5C)
        case 0x08: append(0x5C); append(UInt8(ascii: "b"))
        case 0x0C: append(0x5C); append(UInt8(ascii: "f"))
        case 0x0A: append(0x5C); append(UInt8(ascii: "n"))
        case 0x0D: append(0x5C); append(UInt8(ascii: "r"))
        case 0x09: append(0x5C); append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            raw("\\u00")
            append(hex[Int(byte >> 4)])
            append(hex[Int(byte & 0x0F)])
        }
    }
}
