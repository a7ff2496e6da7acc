import EDTF

/// Years as the pages show them and link to them. ChanceryCore numbers years as EDTF does, and so
/// the register's `since` and `until` filters: 1 BC is `0000` and 45 BC is `-0044`.
enum WebYears {
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
        Gregorian.yearSpan(first, last)
    }
}
