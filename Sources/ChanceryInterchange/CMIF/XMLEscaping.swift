/// The one escaper for text written into XML and into the timeline's HTML (which is checked with
/// XML parsers), shared by the readers' rejects files, the CMIF and GEXF writers and the HTML
/// and SVG renderers, so all of them treat control characters alike.
package enum XMLEscaping {
    /// Character data: `&`, `<` and `>` escaped.
    package static func text(_ value: String) -> String {
        escape(value, quotes: .none)
    }

    /// An attribute value for double quotes: also `"` escaped, and tabs and line breaks as
    /// character references so that attribute-value normalisation does not turn them into spaces.
    package static func attribute(_ value: String) -> String {
        escape(value, quotes: .attribute)
    }

    /// Text for the timeline's HTML and SVG: also `"` and `'` escaped (`'` as `&#39;`, which
    /// HTML 4 lacks by name), so the text is safe wherever a template puts it.
    package static func html(_ value: String) -> String {
        escape(value, quotes: .html)
    }

    private enum Quotes { case none, attribute, html }

    private static func escape(_ value: String, quotes: Quotes) -> String {
        // Most text needs nothing escaped: one pass over its bytes says so, and the text is kept.
        // (0xEF leads the UTF-8 of U+FFFE and U+FFFF, which the slow path replaces.)
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<")
                                         || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) {
            return value
        }
        var output = ""
        output.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes != .none: output += "&quot;"
            case "'" where quotes == .html: output += "&#39;"
            case "\t" where quotes == .attribute: output += "&#9;"
            case "\n" where quotes == .attribute: output += "&#10;"
            case "\r": output += "&#13;"
            default:
                // XML 1.0 allows no other C0 controls, no surrogates (Swift has none) and not
                // U+FFFE/U+FFFF; a document containing them would not parse at all. They become
                // U+FFFD rather than vanishing, so a reader can see that something was there.
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) } else { output += "\u{FFFD}" }
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
