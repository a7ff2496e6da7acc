/// Escaping for text written into XML, shared by the readers' rejects files and the writers.
package enum XMLEscaping {
    /// Character data: `&`, `<` and `>` escaped; characters XML 1.0 forbids dropped.
    package static func text(_ value: String) -> String {
        escape(value, quotes: false)
    }

    /// An attribute value for double quotes: also `"` escaped, and tabs and line breaks as
    /// character references so that attribute-value normalisation does not turn them into spaces.
    package static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    private static func escape(_ value: String, quotes: Bool) -> String {
        var output = ""
        output.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            case "\t" where quotes: output += "&#9;"
            case "\n" where quotes: output += "&#10;"
            case "\r": output += "&#13;"
            default:
                // XML 1.0 allows no other C0 controls, no surrogates (Swift has none) and not
                // U+FFFE/U+FFFF; a document containing them would not parse at all.
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
