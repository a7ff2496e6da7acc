import EDTF

/// Dates between TEI's attributes (`@when`, `@notBefore`/`@notAfter`, `@from`/`@to`, `@cert`)
/// and EDTF.
enum CMIFDates {
    /// A date attribute that is not a date.
    struct Problem: Error {
        /// The attribute at fault (`when`, `notAfter`), or nil when the combination is wrong.
        var attribute: String?
        var value: String
        var reason: String
    }

    /// The EDTF for a TEI `date` element; nil when it carries no machine-readable date.
    ///
    /// `@when` gives the date itself; `@notBefore`/`@notAfter` (or `@from`/`@to`) an interval,
    /// with an empty side where only one is given (`1810-07-11/`, `/1810-07-18`: the other
    /// limit exists but is unknown). `@cert` low, medium or unknown adds `?` to every date
    /// written. A `@when-custom` in EDTF (Chancery's full TEI) is taken as it is.
    static func edtf(of date: XMLElementNode) throws(Problem) -> String? {
        if let custom = date.attribute("when-custom"), let method = date.attribute("datingMethod"),
           CMIFVocabulary.isEDTF(method) {
            return try validated(custom, attribute: "when-custom")
        }
        let mark = isUncertain(date.attribute("cert")) ? "?" : ""
        if let when = date.attribute("when") {
            return try validated(try point(when, attribute: "when") + mark, attribute: "when")
        }
        // notBefore/notAfter bound an uncertain day; from/to bound a span: both read as an interval.
        var start = try point(of: date, "notBefore")
        if start == nil { start = try point(of: date, "from") }
        var end = try point(of: date, "notAfter")
        if end == nil { end = try point(of: date, "to") }
        guard start != nil || end != nil else { return nil }
        let interval = (start.map { $0 + mark } ?? "") + "/" + (end.map { $0 + mark } ?? "")
        return try validated(interval, attribute: nil)
    }

    /// The sent date of a letter known only by when it arrived: no later than that.
    /// Nil when the received date has no known end either.
    static func sentNoLaterThan(received: String) -> String? {
        guard let date = try? EDTFDate(received) else { return nil }
        let sides = date.expression.split(separator: "/", omittingEmptySubsequences: false)
        let end = String(sides.last ?? "")
        guard !end.isEmpty, end != ".." else { return nil }
        return "/" + end
    }

    /// Whether `@cert` says the date is not sure (TEI's low, medium, unknown; high is sure).
    static func isUncertain(_ cert: String?) -> Bool {
        guard let cert else { return false }
        return ["low", "medium", "unknown"].contains(cert.lowercased())
    }

    /// One W3C date value as EDTF: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, its year negative before
    /// the common era as XSD 1.1 and EDTF both number it (`-0044-03-15` is 15 March 45 BC, which
    /// Chancery's CMIF export writes); a time after `T` is dropped, since the register keeps days.
    private static func point(_ value: String, attribute: String) throws(Problem) -> String {
        let day = value.split(separator: "T", maxSplits: 1).first.map(String.init) ?? value
        let parts = (day.hasPrefix("-") ? day.dropFirst() : Substring(day)).split(separator: "-", omittingEmptySubsequences: false)
        let shapeOK = (1...3).contains(parts.count) && parts[0].count == 4
            && parts.dropFirst().allSatisfy { $0.count == 2 } && parts.allSatisfy { $0.allSatisfy { ("0"..."9").contains($0) } }
        guard shapeOK else {
            throw Problem(attribute: attribute, value: value, reason: "expected YYYY, YYYY-MM or YYYY-MM-DD (-YYYY before the common era)")
        }
        // EDTF reads months 21–24 as seasons; in TEI they are just wrong.
        if parts.count >= 2, let month = Int(parts[1]), !(1...12).contains(month) {
            throw Problem(attribute: attribute, value: value, reason: "month \(parts[1]) out of range")
        }
        return day
    }

    private static func point(of date: XMLElementNode, _ attribute: String) throws(Problem) -> String? {
        guard let value = date.attribute(attribute) else { return nil }
        return try point(value, attribute: attribute)
    }

    private static func validated(_ expression: String, attribute: String?) throws(Problem) -> String {
        do {
            return try EDTFDate(expression).expression
        } catch let error as EDTFError {
            throw Problem(attribute: attribute, value: expression, reason: error.reason)
        } catch {
            throw Problem(attribute: attribute, value: expression, reason: String(describing: error))
        }
    }
}
