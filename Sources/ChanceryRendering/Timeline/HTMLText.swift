/// Text made safe for HTML that must also parse as XML: the timeline's HTML is checked with XML
/// parsers, so it uses only entities both know and drops characters XML forbids.
enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'` (as `&#39;`, which HTML 4 lacks by name), for text and
    /// attribute values alike; control characters XML 1.0 cannot carry become U+FFFD.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// SVG coordinates with at most one decimal, written the same on every host: Foundation's
/// number formatting can follow the locale, and full doubles would make golden files brittle.
enum SVGNumber {
    package static func text(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return sign + String(magnitude / 10) + (magnitude % 10 == 0 ? "" : "." + String(magnitude % 10))
    }
}
