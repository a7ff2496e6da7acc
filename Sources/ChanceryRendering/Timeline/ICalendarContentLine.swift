/// RFC 5545 content lines: TEXT escaping and folding.
enum ICalendarContentLine {
    /// Longest physical line in octets, CRLF excluded (RFC 5545 §3.1).
    static let maxOctets = 75

    /// A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break as `\n`;
    /// other control characters, which TEXT may not hold, dropped.
    static func escapedText(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case _ where character.isNewline: result += "\\n"
            case _ where character.unicodeScalars.allSatisfy({ $0 != "\t" && ($0.value < 0x20 || $0.value == 0x7F) }): continue
            default: result.append(character)
            }
        }
        return result
    }

    /// `NAME:value` (or `NAME;PARAM=…:value`) folded into physical lines of at most 75 octets,
    /// each ended by CRLF; continuation lines start with one space. Folds fall between
    /// characters (grapheme clusters), so no UTF-8 sequence is split and no line starts with a
    /// combining mark; only a cluster too long for a line of its own is split, between scalars.
    static func folded(_ line: String) -> String {
        var output = ""
        var octetsOnLine = 0
        func append(_ text: String, octets: Int) {
            if octetsOnLine + octets > maxOctets {
                output += "\r\n "
                octetsOnLine = 1
            }
            output += text
            octetsOnLine += octets
        }
        for character in line {
            let octets = character.utf8.count
            if octets < maxOctets {
                append(String(character), octets: octets)
            } else {
                for scalar in character.unicodeScalars { append(String(scalar), octets: scalar.utf8.count) }
            }
        }
        return output + "\r\n"
    }

    /// Undoes `folded`: removes every CRLF followed by a space or tab (RFC 5545 §3.1). Works on
    /// bytes, because as `String`s a space followed by a combining mark is one character.
    static func unfolded(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 2 < bytes.count, bytes[index + 1] == 0x0A, bytes[index + 2] == 0x20 || bytes[index + 2] == 0x09 {
                index += 3
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
