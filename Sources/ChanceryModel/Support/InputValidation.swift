import Foundation

/// Checks on free-text input shared by the services; the same limits are CHECK constraints in
/// schema.sql, which remain the last word.
package enum InputValidation {
    /// Refuses text PostgreSQL cannot store, naming the field: U+0000, which no text column or
    /// JSON value of a UTF-8 database holds (every other Unicode scalar fits, and a Swift string
    /// holds nothing else: a lone surrogate never reaches here). Every text a person or a file
    /// gives passes through this, directly or through `required` and `optional`.
    @discardableResult
    package static func storable(_ value: String, field: String) throws -> String {
        if value.utf8.contains(0) {
            throw ChanceryError.invalid(field, "\(field) contains a NUL character (U+0000), which cannot be stored",
                                        hint: "Remove the NUL character (often left by a binary file or a broken conversion).")
        }
        return value
    }

    /// Trims, and rejects empty or over-long text.
    package static func required(_ value: String, field: String, maxLength: Int) throws -> String {
        let trimmed = trimmed(try storable(value, field: field))
        guard !trimmed.isEmpty else {
            throw ChanceryError.invalid(field, "\(field) must not be empty", hint: "Give a non-blank \(field).")
        }
        return try bounded(trimmed, field: field, maxLength: maxLength)
    }

    /// Trims; empty becomes nil; rejects over-long text.
    package static func optional(_ value: String?, field: String, maxLength: Int) throws -> String? {
        guard let value else { return nil }
        let trimmed = trimmed(try storable(value, field: field))
        guard !trimmed.isEmpty else { return nil }
        return try bounded(trimmed, field: field, maxLength: maxLength)
    }

    private static func bounded(_ value: String, field: String, maxLength: Int) throws -> String {
        // PostgreSQL's char_length counts code points, so count unicode scalars, not graphemes.
        let length = value.unicodeScalars.count
        guard length <= maxLength else {
            throw ChanceryError.invalid(field, "\(field) is too long: \(length) characters, at most \(maxLength) allowed",
                                        hint: "Shorten the \(field).")
        }
        return value
    }

    /// A reference code: letters, digits and `. _ : / # -`, starting with a letter or digit.
    package static func reference(_ value: String?, field: String = "ref") throws -> String? {
        guard let value = value.map(trimmed), !value.isEmpty else { return nil }
        func allowed(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
            case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "#"), UInt8(ascii: "-"): return true
            default: return false
            }
        }
        let bytes = value.utf8
        guard bytes.count <= 100, bytes.allSatisfy(allowed), let first = bytes.first,
              first.isASCIILetterOrDigit
        else {
            throw ChanceryError.invalid(field, "invalid \(field) '\(value)'",
                                        hint: "Use up to 100 letters, digits and . _ : / # -, starting with a letter or digit (e.g. US-KH-2022-001).")
        }
        return value
    }

    /// A BCP 47 language tag ("en", "km", "zh-Hant").
    package static func languageTag(_ value: String?) throws -> String? {
        guard let value = value.map(trimmed), !value.isEmpty else { return nil }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let valid = value.count <= 35
            && (2...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
            && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard valid else {
            throw ChanceryError.invalid("language", "invalid language tag '\(value)'",
                                        hint: "Use a BCP 47 tag such as en, km, fr, zh-Hant.")
        }
        return value
    }

    /// A Wikidata item id (`Q30`).
    package static func wikidataId(_ value: String?) throws -> String? {
        guard let value = value.map(trimmed), !value.isEmpty else { return nil }
        let upper = value.uppercased()
        let digits = upper.dropFirst()
        guard upper.hasPrefix("Q"), (1...12).contains(digits.count), digits.allSatisfy(\.isNumber), digits.first != "0" else {
            throw ChanceryError.invalid(ActorDraft.CodingKeys.wikidataId, "invalid Wikidata id '\(value)'", hint: "Wikidata ids look like Q30 (Q followed by digits).")
        }
        return upper
    }

    /// A VIAF id as VIAF writes it: digits, not starting with 0.
    package static func viafId(_ value: String?) throws -> String? {
        guard let value = value.map(trimmed), !value.isEmpty else { return nil }
        guard (1...22).contains(value.count), value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber), value.first != "0" else {
            throw ChanceryError.invalid(ActorDraft.CodingKeys.viafId, "invalid VIAF id '\(value)'",
                                        hint: "VIAF ids are digits, e.g. 44318817 (the number in https://viaf.org/viaf/44318817).")
        }
        return value
    }

    /// A GND id as the Deutsche Nationalbibliothek writes it: a digit, then digits, X or hyphens.
    package static func gndId(_ value: String?) throws -> String? {
        guard let value = value.map(trimmed), !value.isEmpty else { return nil }
        let upper = value.uppercased()
        guard (1...15).contains(upper.count), upper.first?.isASCII == true, upper.first?.isNumber == true,
              upper.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "X" || $0 == "-" }) else {
            throw ChanceryError.invalid(ActorDraft.CodingKeys.gndId, "invalid GND id '\(value)'",
                                        hint: "GND ids look like 118616242 or 4022153-2 (the end of https://d-nb.info/gnd/118616242).")
        }
        return upper
    }

    /// Refuses a new actor name of the form `id:42`: that is how commands name an actor by its
    /// number in the register, and a name spelled so could never be looked up.
    package static func actorName(_ name: String, field: String) throws -> String {
        let lowered = name.lowercased()
        if lowered.hasPrefix("id:"), !lowered.dropFirst(3).isEmpty,
           lowered.dropFirst(3).allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " ") }) {
            throw ChanceryError.invalid(field, "'\(name)' is how commands name an actor by its number in the register, not a name",
                                        hint: "Write the actor's name; to name a recorded actor by its number, use a command's actor argument.")
        }
        return name
    }

    /// Collapses runs of whitespace, so "Joe  Biden" finds "Joe Biden".
    package static func normalizedName(_ value: String) -> String {
        // Bulk imports pass millions of names that are already clean: check bytes before splitting.
        var previousWasSpace = true
        var clean = true
        for byte in value.utf8 {
            let isSpace = byte == 0x20
            if (isSpace && previousWasSpace) || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte >= 0x80 { clean = false; break }
            previousWasSpace = isSpace
        }
        if clean && !previousWasSpace { return value }
        return value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Trims whitespace and newlines at both ends; leaves the string untouched (no copy) when
    /// there is nothing to trim, which is almost always.
    package static func trimmed(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return value }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return value }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
