import EDTF

/// Years as the pages show them and link to them.
///
/// Two numberings meet here. EDTF, and so the register's `since` and `until` filters, numbers
/// years astronomically: 1 BC is `0000` and 45 BC is `-0044`. PostgreSQL's `extract(year …)`, with
/// which ChanceryCore reads the year facet's values and the years of an actor's spellings, counts
/// as people do, with no year 0: 45 BC is -45. A year read from there is turned into the
/// astronomical one before it is shown ("45 BC", as the pages show dates) or put in an address.
enum WebYears {
    /// The astronomical year of a year PostgreSQL's `extract` gives: -45 (45 BC) is -44, 2022 is 2022.
    static func astronomical(extracted year: Int) -> Int {
        year < 0 ? year + 1 : year
    }

    /// The year as EDTF writes it, as the date filters read it: "2022", "0800", "0000" (1 BC),
    /// "-0044" (45 BC), and beyond four digits the `Y` form ("Y12345").
    static func edtf(_ year: Int) -> String {
        guard (-9999...9999).contains(year) else { return "Y\(year)" }
        let digits = String(year.magnitude)
        return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// "2022", "800", "1 BC", "45 BC": the year as people read it, as the pages write dates.
    static func name(_ year: Int) -> String {
        Gregorian.yearName(year)
    }

    /// An inclusive span of astronomical years: "2022", "1547–1553", "45–44 BC", "1 BC – 9 AD".
    static func span(_ first: Int, _ last: Int) -> String {
        if first == last { return name(first) }
        if first >= 1 { return "\(first)–\(last)" }
        if last < 1 { return "\(1 - first)–\(1 - last) BC" }
        return "\(1 - first) BC – \(last) AD"
    }
}
