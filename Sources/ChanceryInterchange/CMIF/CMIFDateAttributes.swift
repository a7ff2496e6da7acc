import EDTF

/// EDTF written as TEI's W3C date attributes, the only dates CMIF allows.
struct CMIFDateAttributes: Equatable {
    var when: String?
    var notBefore: String?
    var notAfter: String?
    /// Any part is uncertain or approximate: CMIF has only `cert="low"` for both.
    var uncertain = false

    /// The attributes for an expression; nil when it is not EDTF.
    ///
    /// A day, month or year is `@when` (`2022-XX` as `2022`); an interval is `@notBefore`/
    /// `@notAfter`, an unknown or open side left out (`/2022-04` → `notAfter="2022-04"`); what W3C
    /// dates cannot say (a decade `202X`, a season `2022-21`) is written as its first and last day.
    init?(edtf: String) {
        guard let date = try? EDTFDate(edtf) else { return nil }
        uncertain = date.isUncertain || date.isApproximate
        guard date.isInterval else {
            if let plain = Self.w3c(date.expression) {
                when = plain
            } else {
                notBefore = date.earliest?.description
                notAfter = date.latest?.description
            }
            return
        }
        let sides = date.expression.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        notBefore = Self.bound(sides[0], earliest: true)
        notAfter = Self.bound(sides.count > 1 ? sides[1] : "", earliest: false)
    }

    /// The attributes in the order written.
    var pairs: [(String, String)] {
        [("when", when), ("notBefore", notBefore), ("notAfter", notAfter), ("cert", uncertain ? "low" : nil)]
            .compactMap { name, value in value.map { (name, $0) } }
    }

    private static func bound(_ side: String, earliest: Bool) -> String? {
        guard !side.isEmpty, side != ".." else { return nil }
        if let plain = w3c(side) { return plain }
        guard let point = try? EDTFDate(side) else { return nil }
        return (earliest ? point.earliest : point.latest)?.description
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`-YYYY…` before the common era) without qualifier and unspecified trailing parts; nil
    /// when the date is not of that shape (decades, seasons, `2022-XX-05`).
    private static func w3c(_ expression: String) -> String? {
        var text = Substring(expression)
        while let last = text.last, "?~%".contains(last) { text = text.dropLast() }
        while text.hasSuffix("-XX") { text = text.dropLast(3) }
        // A year before the common era keeps its sign (XSD 1.1 numbers years as EDTF does).
        let parts = (text.hasPrefix("-") ? text.dropFirst() : text).split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } })
        else { return nil }
        if parts.count >= 2, let month = Int(parts[1]), !(1...12).contains(month) { return nil }
        return String(text)
    }
}
